package org.quidpro.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Analysts' and operators' API keys, held as SHA-256 digests only: a key is hashed on arrival and compared
 * in constant time with each configured digest. (Production: an OIDC provider's tokens instead; see the
 * README.)
 */
public final class ApiKeys {

    public enum Role { ANALYST, OPERATOR }

    public record Entry(String name, Role role, byte[] sha256) {}

    private final List<Entry> entries;

    public ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Entry entry(String name, String role, String sha256Hex) {
        Role parsed = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        byte[] digest = HexFormat.of().parseHex(sha256Hex.strip().toLowerCase(Locale.ROOT));
        if (digest.length != 32) {
            throw new IllegalArgumentException("api key " + name + ": sha256 is 64 hex digits");
        }
        return new Entry(name, parsed, digest);
    }

    public Optional<Entry> find(String key) {
        byte[] digest = sha256(key);
        Entry found = null;
        for (Entry e : entries) { // every entry compared, so timing says nothing about which matched
            if (MessageDigest.isEqual(e.sha256(), digest)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
