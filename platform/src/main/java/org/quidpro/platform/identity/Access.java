package org.quidpro.platform.identity;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The answers to "may this caller do that?": 401 for nobody, 403 for somebody not allowed. */
public final class Access {

    private Access() {}

    public static void requireOperator(Caller caller) {
        require(caller, caller.role() == Caller.Role.OPERATOR, "operators only");
    }

    /** The peer itself, or an operator acting for it. */
    public static void requirePeerOrOperator(Caller caller, String peerId) {
        require(caller, caller.isPeer(peerId) || caller.role() == Caller.Role.OPERATOR,
                "only peer " + peerId + " itself or an operator");
    }

    /** Analysts and operators, or a peer the data concerns. */
    public static void requireReader(Caller caller, String... peerIds) {
        require(caller, caller.mayRead(peerIds), "only the peer concerned, analysts and operators");
    }

    public static void require(Caller caller, boolean allowed, String who) {
        if (caller.role() == Caller.Role.ANONYMOUS) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "authentication required");
        }
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, who);
        }
    }
}
