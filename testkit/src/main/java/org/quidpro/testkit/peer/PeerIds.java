package org.quidpro.testkit.peer;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Peer ids for tests that need well-formed ids but no keys: 20 random bytes in lower-case hex. */
public final class PeerIds {

    private PeerIds() {}

    public static String random(RandomGenerator random) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
