package org.quidpro.rating.score.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.quidpro.contracts.rating.RatingChanged;
import org.quidpro.platform.events.OutboxWriter;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.config.RatingProperties;
import org.quidpro.rating.history.Standing;
import org.quidpro.rating.history.persistence.RatingHistory;
import org.quidpro.rating.responsiveness.persistence.UtilityStore;
import org.quidpro.rating.score.Scoring;
import org.quidpro.rating.score.persistence.CurrentRatings;
import org.quidpro.rating.score.persistence.RatingStore;
import org.quidpro.rating.trust.persistence.TrustStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the scores of communities with new contributions, after N of them or on the community's
 * schedule, whichever comes first, and appends the snapshot to the rating history. One replica computes a
 * community at a time: the recompute runs in a transaction holding a PostgreSQL advisory lock named after
 * the community, and the others skip it. New scores are stored with {@code RatingChanged} events, in the
 * same transaction, for the peers whose relative score moved by more than the threshold.
 */
@Service
public class Recompute {

    private static final Logger log = LoggerFactory.getLogger(Recompute.class);

    private final TrustStore trust;
    private final CommunitySettingsStore settings;
    private final RatingStore ratings;
    private final RatingHistory history;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final RatingProperties properties;
    private final Clock clock;
    private final UtilityStore utilities;
    private final CurrentRatings current;

    public Recompute(TrustStore trust, CommunitySettingsStore settings, RatingStore ratings, RatingHistory history,
            OutboxWriter outbox, TransactionTemplate transactions, JdbcClient jdbc, RatingProperties properties,
            Clock clock, UtilityStore utilities, CurrentRatings current) {
        this.utilities = utilities;
        this.current = current;
        this.trust = trust;
        this.settings = settings;
        this.ratings = ratings;
        this.history = history;
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Recomputes every community that is due: after its N new contributions or on its schedule. */
    @Scheduled(fixedDelayString = "${quidpro.rating.recompute-poll}")
    public void dueCommunities() {
        Instant now = clock.instant();
        for (TrustStore.Pending pending : trust.pending()) {
            String community = pending.community();
            RatingSettings rules = settings.find(community).orElseGet(() -> RatingSettings.defaults("BYTES"));
            if (!rules.due(pending.contributions(), pending.lastComputedAt(), now)) {
                continue;
            }
            try {
                recompute(community);
            } catch (RuntimeException e) {
                log.warn("Recompute of {} failed; retried at the next run: {}", community, e.getMessage());
            }
        }
    }

    /** Recomputes one community now; returns false when another replica holds it. */
    public boolean recompute(String community) {
        history.ensurePartitions(clock.instant(), 2);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean ours = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('rating-recompute/' || :c))")
                    .param("c", community).query(Boolean.class).single();
            if (!ours) {
                return false;
            }
            Instant now = clock.instant();
            long pending = trust.pendingOf(community);
            RatingSettings rules = settings.find(community).orElseGet(() -> RatingSettings.defaults("BYTES"));
            Map<String, RatingStore.Rating> previous = ratings.current(community);
            Map<String, Double> previousScores = new HashMap<>();
            previous.forEach((peer, rating) -> previousScores.put(peer, rating.score()));
            List<Scoring.Scored> scored = Scoring.score(rules, trust.members(community),
                    trust.trust(community, rules.halfLife(), now), trust.volumes(community), previousScores,
                    "responsiveness".equals(rules.scheme()) ? utilities.all(community, rules.halfLife(), now) : Map.of());
            List<RatingStore.Rating> rows = new ArrayList<>(scored.size());
            List<Standing> snapshot = new ArrayList<>(scored.size());
            List<RatingChanged> changes = new ArrayList<>();
            for (Scoring.Scored s : scored) {
                rows.add(new RatingStore.Rating(community, s.peer(), rules.scheme(), s.score(), s.relative(), s.rank(),
                        s.newcomer(), now));
                snapshot.add(new Standing(s.peer(), rules.scheme(), s.score(), s.relative(), s.rank(), s.newcomer(), now));
                RatingStore.Rating before = previous.get(s.peer());
                if (before == null || Math.abs(before.relativeScore() - s.relative()) > properties.publishThreshold()) {
                    changes.add(new RatingChanged(UUID.randomUUID(), now, community, s.peer(), rules.scheme(), s.score(),
                            s.relative(), s.rank()));
                }
            }
            ratings.save(rows);
            current.changed(community);
            history.append(community, snapshot);
            outbox.appendAll(changes);
            trust.computed(community, pending, now);
            return true;
        }));
    }
}
