package org.quidpro.index.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    static final String HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void hexUpperCaseAndMultihashAreOneHash() {
        assertThat(ContentHash.parse(HEX).hex()).isEqualTo(HEX);
        assertThat(ContentHash.parse(HEX.toUpperCase())).isEqualTo(ContentHash.parse(HEX));
        assertThat(ContentHash.parse("1220" + HEX)).isEqualTo(ContentHash.parse(HEX));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {null, "", HEX.substring(1), HEX + "0", "1114" + HEX, HEX.replace('9', 'g'), " " + HEX}) {
            assertThatThrownBy(() -> ContentHash.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theHandWrittenCheckAcceptsExactlyWhatTheSharedPatternsAccept() {
        java.util.regex.Pattern accepted = java.util.regex.Pattern.compile(ContentHash.ACCEPTED);
        java.util.regex.Pattern stored = java.util.regex.Pattern.compile(org.quidpro.contracts.Identifiers.CONTENT_HASH);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        String alphabet = "0123456789abcdefABCDEFgG 12";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "1220" : "");
            int length = 62 + random.nextInt(5);
            for (int i = 0; i < length; i++) {
                // mostly hex digits, now and then something else
                text.append(random.nextInt(40) == 0 ? alphabet.charAt(16 + random.nextInt(alphabet.length() - 16))
                        : alphabet.charAt(random.nextInt(16)));
            }
            String candidate = random.nextInt(3) == 0 ? text.toString().toUpperCase() : text.toString();
            boolean parses;
            try {
                ContentHash.parse(candidate);
                parses = true;
            } catch (IllegalArgumentException e) {
                parses = false;
            }
            assertThat(parses).as(candidate).isEqualTo(accepted.matcher(candidate).matches());
            boolean constructs;
            try {
                new ContentHash(candidate);
                constructs = true;
            } catch (IllegalArgumentException e) {
                constructs = false;
            }
            assertThat(constructs).as(candidate).isEqualTo(stored.matcher(candidate).matches());
        }
    }
}
