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
}
