package org.quidpro.contracts;

import java.util.List;

/**
 * The topics the services exchange events on, one per owner and kind of fact. Keys are chosen by
 * each event's {@link IntegrationEvent#key()} so one peer's events stay in order.
 */
public final class Topics {

    /** Community configuration, owned by accounting; latest per community id. */
    public static final Topic COMMUNITIES = Topic.compacted("quidpro.communities");
    /** Peer registrations and memberships, owned by accounting; keyed by peer id. */
    public static final Topic PEERS = Topic.log("quidpro.peers");
    /** Accepted receipts, owned by accounting; keyed by community and provider. */
    public static final Topic CONTRIBUTIONS = Topic.log("quidpro.contributions");
    /** Announced and withdrawn files, owned by the index; keyed by community and holder. */
    public static final Topic FILES = Topic.log("quidpro.files");
    /** Formed and settled coalitions, owned by the coalition service; keyed by coalition id. */
    public static final Topic COALITIONS = Topic.log("quidpro.coalitions");
    /** Scores, owned by rating; latest per community and peer. */
    public static final Topic RATINGS = Topic.compacted("quidpro.ratings");

    public static final List<Topic> ALL = List.of(COMMUNITIES, PEERS, CONTRIBUTIONS, FILES, COALITIONS, RATINGS);

    private Topics() {}
}
