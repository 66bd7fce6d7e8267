package org.quidpro.accounting.peer;

import java.util.Base64;
import org.quidpro.accounting.rules.Rejected;

/** Binary fields travel as base64url without padding; standard base64 and padding are accepted too. */
public final class Base64Field {

    private Base64Field() {}

    public static byte[] decode(String field, String value, int expectedLength) {
        if (value == null || value.isBlank()) {
            throw new Rejected(field, "required");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new Rejected(field, "not base64: " + e.getMessage());
        }
        if (expectedLength > 0 && bytes.length != expectedLength) {
            throw new Rejected(field, "must decode to " + expectedLength + " bytes, not " + bytes.length);
        }
        return bytes;
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
