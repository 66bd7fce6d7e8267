package org.quidpro.contracts.accounting;

import org.quidpro.contracts.EventType;
import org.quidpro.contracts.Topics;

/** The events the accounting service publishes. */
public final class AccountingEvents {

    public static final EventType<CommunityConfigured> COMMUNITY_CONFIGURED =
            new EventType<>("CommunityConfigured", 1, CommunityConfigured.class, Topics.COMMUNITIES);
    public static final EventType<PeerRegistered> PEER_REGISTERED =
            new EventType<>("PeerRegistered", 1, PeerRegistered.class, Topics.PEERS);
    public static final EventType<PeerJoinedCommunity> PEER_JOINED_COMMUNITY =
            new EventType<>("PeerJoinedCommunity", 1, PeerJoinedCommunity.class, Topics.PEERS);
    public static final EventType<ContributionRecorded> CONTRIBUTION_RECORDED =
            new EventType<>("ContributionRecorded", 1, ContributionRecorded.class, Topics.CONTRIBUTIONS);

    private AccountingEvents() {}
}
