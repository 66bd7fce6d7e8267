package org.quidpro.accounting.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    static final String A = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c4";
    static final String B = "b6589fc6ab0dc82cf12099d1c2d40ab994e8410c";

    static Receipt receipt(String contentHash, Integer score) {
        return new Receipt("file-sharing", A, B, 1_048_576, contentHash, Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-11-23T10:00:05.250Z"), true, score, "bm9uY2Utbm9uY2Utbm9uY2U");
    }

    @Test
    void canonicalBytesAreJcsWithSortedMembersAndEpochMillis() {
        String hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        String canonical = new String(receipt(hash, 4).canonicalBytes(), StandardCharsets.UTF_8);

        // Written out by hand from RFC 8785: names sorted, no white space, integers plain.
        assertThat(canonical).isEqualTo("{\"amount\":1048576,\"community\":\"file-sharing\",\"consumer\":\"" + B
                + "\",\"contentHash\":\"" + hash + "\",\"endedAt\":1795428005250,\"kind\":\"quidpro-receipt\","
                + "\"nonce\":\"bm9uY2Utbm9uY2Utbm9uY2U\",\"provider\":\"" + A + "\",\"satisfied\":true,\"score\":4,"
                + "\"startedAt\":1795428000000,\"version\":1}");
    }

    @Test
    void absentOptionalFieldsAreLeftOut() {
        String canonical = new String(receipt(null, null).canonicalBytes(), StandardCharsets.UTF_8);

        assertThat(canonical).doesNotContain("contentHash").doesNotContain("score").doesNotContain("null")
                .contains("\"consumer\":\"" + B + "\",\"endedAt\"");
    }

    @Test
    void theIdIsTheSha256OfTheCanonicalBytesAndChangesWithAnyField() throws Exception {
        Receipt receipt = receipt(null, 5);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(receipt.canonicalBytes()));

        assertThat(receipt.id()).isEqualTo(expected).hasSize(64);
        assertThat(receipt(null, 4).id()).isNotEqualTo(receipt.id());
        assertThat(receipt(null, 5).id()).as("deterministic").isEqualTo(receipt.id());
    }
}
