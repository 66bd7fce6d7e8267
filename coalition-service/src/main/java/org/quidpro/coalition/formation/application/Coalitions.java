package org.quidpro.coalition.formation.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.quidpro.coalition.community.CoalitionSettings;
import org.quidpro.coalition.community.persistence.CommunitySettingsStore;
import org.quidpro.coalition.formation.ByteRange;
import org.quidpro.coalition.formation.CoalitionFormation;
import org.quidpro.coalition.formation.DownloadRequest;
import org.quidpro.coalition.formation.FormationRefused;
import org.quidpro.coalition.formation.Member;
import org.quidpro.coalition.formation.Plan;
import org.quidpro.coalition.formation.persistence.CoalitionStore;
import org.quidpro.coalition.client.Holders;
import org.quidpro.coalition.client.IndexClient;
import org.quidpro.coalition.client.RatingClient;
import org.quidpro.contracts.coalition.CoalitionFormed;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Forms coalitions: asks rating-service for the requester's bonus and index-service for the holders
 * (both outside the transaction), plans in plain Java, then stores the plan and its CoalitionFormed in one
 * transaction. A single-source answer (bonus 0) is not a coalition: nothing is stored or published.
 */
@Service
public class Coalitions {

    /** A formed coalition (id null for a single-source answer) and when it expires unsettled. */
    public record Formed(UUID id, Plan plan, Instant settleBy) {}

    /** What the requester asks; {@code range} empty for the whole file. */
    public record Ask(String community, String requester, String contentHash, long downloadBytesPerSecond,
            Optional<String> initialUploader, Optional<long[]> range, List<String> exclude) {}

    private final IndexClient index;
    private final RatingClient rating;
    private final CommunitySettingsStore communities;
    private final CoalitionStore store;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Coalitions(IndexClient index, RatingClient rating, CommunitySettingsStore communities, CoalitionStore store,
            OutboxWriter outbox, TransactionTemplate transactions, Clock clock) {
        this.index = index;
        this.rating = rating;
        this.communities = communities;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Formed form(Ask ask) {
        CoalitionSettings settings = communities.settings(ask.community()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + ask.community()));
        double bonus = rating.bonus(ask.community(), ask.requester()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "rating-service knows no community " + ask.community()));
        Holders holders = index.holders(ask.community(), ask.contentHash(), ask.requester(), ask.exclude())
                .orElseThrow(() -> new FormationRefused(FormationRefused.Reason.NO_HOLDERS,
                        "nobody holds " + ask.contentHash() + " in " + ask.community()));
        if (holders.sizeBytes() == 0) {
            throw new FormationRefused(FormationRefused.Reason.RANGE_OUTSIDE_FILE, "the file is empty: nothing to send");
        }
        ByteRange range = ask.range().map(r -> {
            if (r[0] < 0 || r[1] < r[0] || r[1] >= holders.sizeBytes()) {
                throw new FormationRefused(FormationRefused.Reason.RANGE_OUTSIDE_FILE, "range " + r[0] + "-" + r[1]
                        + " is not within the file's " + holders.sizeBytes() + " bytes");
            }
            return new ByteRange(r[0], r[1]);
        }).orElseGet(() -> new ByteRange(0, holders.sizeBytes() - 1));
        Plan plan = CoalitionFormation.form(new DownloadRequest(range, ask.downloadBytesPerSecond(), bonus,
                ask.initialUploader(), settings.maxMembers()), holders.candidates());
        Instant now = clock.instant();
        Instant settleBy = now.plus(settings.settleWithin());
        if (plan.kind() == Plan.Kind.SINGLE_SOURCE) {
            return new Formed(null, plan, null);
        }
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            store.insert(id, ask.community(), ask.requester(), ask.contentHash(), plan, now, settleBy);
            outbox.append(new CoalitionFormed(UUID.randomUUID(), now, id, ask.community(), ask.requester(),
                    ask.contentHash(), range.first(), range.last(), plan.downloadBytesPerSecond(), plan.bonus(),
                    plan.soloSeconds(), plan.coalitionSeconds(), plan.valueSeconds(), plan.members().stream()
                            .map(Coalitions::member).toList(), settleBy));
        });
        return new Formed(id, plan, settleBy);
    }

    private static CoalitionFormed.Member member(Member m) {
        return new CoalitionFormed.Member(m.peerId(), m.role().name(), m.rateBytesPerSecond(), m.bytes().first(),
                m.bytes().last(), m.payoffSeconds());
    }
}
