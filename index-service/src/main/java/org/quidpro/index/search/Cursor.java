package org.quidpro.index.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A keyset page cursor: the sort values of the last row a page returned, opaque to clients (base64url of
 * the values joined by a separator that cannot occur in them). The next page starts strictly after it, so
 * pages neither skip nor repeat rows while the index changes.
 */
public record Cursor(List<String> values) {

    private static final String SEPARATOR = "\u001f";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text, int size) {
        try {
            List<String> values = List.of(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (values.size() != size) {
                throw new IllegalArgumentException("cursor: not one this search returned");
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor: not one this search returned");
        }
    }
}
