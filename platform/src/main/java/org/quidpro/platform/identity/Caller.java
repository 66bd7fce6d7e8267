package org.quidpro.platform.identity;

import java.util.Optional;

/**
 * Who is calling, as the gateway established it: a peer (by its id), an analyst, an operator, or
 * nobody authenticated. Services decide what each may do; they never trust a client's own word.
 *
 * @param role what the caller may do
 * @param peerId the peer's id, present exactly when the role is {@link Role#PEER}
 */
public record Caller(Role role, Optional<String> peerId) {

    public enum Role { ANONYMOUS, PEER, ANALYST, OPERATOR }

    public static final String ROLE_HEADER = "X-Quidpro-Role";
    public static final String PEER_HEADER = "X-Quidpro-Peer";
    public static final String GATEWAY_SECRET_HEADER = "X-Quidpro-Gateway-Secret";

    public Caller {
        if ((role == Role.PEER) != peerId.isPresent()) {
            throw new IllegalArgumentException("a peer caller has a peer id, and only a peer caller");
        }
    }

    public static Caller anonymous() {
        return new Caller(Role.ANONYMOUS, Optional.empty());
    }

    public static Caller peer(String peerId) {
        return new Caller(Role.PEER, Optional.of(peerId));
    }

    public static Caller of(Role role) {
        return new Caller(role, Optional.empty());
    }

    public boolean isPeer(String id) {
        return peerId.filter(id::equals).isPresent();
    }

    /** Operators and analysts read everything; a peer reads what concerns itself. */
    public boolean mayRead(String... peerIds) {
        if (role == Role.OPERATOR || role == Role.ANALYST) {
            return true;
        }
        for (String id : peerIds) {
            if (isPeer(id)) {
                return true;
            }
        }
        return false;
    }
}
