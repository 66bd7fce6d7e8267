package org.quidpro.accounting.receipt.persistence;

import java.util.Optional;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.contracts.accounting.ContributionUnit;

/**
 * Everything the checks of one receipt need, read in one round trip: the community's unit and credit
 * terms (empty when there is no such community), both parties' keys and memberships, and whether the
 * receipt is recorded already.
 */
public record IntakeContext(
        Optional<ContributionUnit> unit, Community.CreditTerms credits, Optional<PeerKey> providerKey,
        boolean providerIsMember, Optional<PeerKey> consumerKey, boolean consumerIsMember, boolean recorded) {}
