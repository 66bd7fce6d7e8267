package org.quidpro.accounting.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One transfer or service episode between a provider and a consumer, as both sign it.
 *
 * <p><b>Canonical bytes</b> (what both parties sign, and whose SHA-256 is the receipt id): the JSON
 * canonicalisation of RFC 8785 (JCS) applied to the object
 * <pre>{"amount":N, "community":"…", "consumer":"…", "contentHash":"…", "endedAt":MILLIS, "kind":"quidpro-receipt",
 *  "nonce":"…", "provider":"…", "satisfied":true|false, "score":N, "startedAt":MILLIS, "version":1}</pre>
 * that is: members sorted by name, no white space, integers in plain decimal, strings with JSON's
 * minimal escaping, UTF-8. Times are epoch milliseconds (the API accepts whole milliseconds only);
 * {@code contentHash} and {@code score} are left out when absent. Any JCS library reproduces these bytes.
 *
 * @param amount units contributed (bytes, seconds, consultations: the community's unit)
 * @param contentHash SHA-256 of what was transferred, lower-case hex, or null
 * @param score the consumer's optional score, 1 to 5, or null
 * @param nonce chosen by the parties so that two identical episodes are two receipts
 */
public record Receipt(
        String community, String provider, String consumer, long amount, String contentHash, Instant startedAt,
        Instant endedAt, boolean satisfied, Integer score, String nonce) {

    public static final String KIND = "quidpro-receipt";
    public static final int VERSION = 1;

    public byte[] canonicalBytes() {
        Map<String, Object> members = new TreeMap<>(); // String order = UTF-16 code unit order, as JCS sorts
        members.put("amount", amount);
        members.put("community", community);
        members.put("consumer", consumer);
        if (contentHash != null) {
            members.put("contentHash", contentHash);
        }
        members.put("endedAt", endedAt.toEpochMilli());
        members.put("kind", KIND);
        members.put("nonce", nonce);
        members.put("provider", provider);
        members.put("satisfied", satisfied);
        if (score != null) {
            members.put("score", score.longValue());
        }
        members.put("startedAt", startedAt.toEpochMilli());
        members.put("version", (long) VERSION);
        StringBuilder json = new StringBuilder(320).append('{');
        members.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, name).append(':');
            switch (value) {
                case String text -> string(json, text);
                case Long number -> json.append(number);
                case Boolean flag -> json.append(flag);
                default -> throw new IllegalStateException("unexpected member " + name);
            }
        });
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The receipt id: SHA-256 of the canonical bytes, lower-case hex. */
    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON string with the escaping of RFC 8785 (ECMAScript's JSON.stringify). */
    private static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
