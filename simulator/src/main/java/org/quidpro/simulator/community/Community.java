package org.quidpro.simulator.community;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.quidpro.client.model.CommunityRequest;
import org.quidpro.client.model.CreditsRequest;
import org.quidpro.client.model.ReceiptBody;
import org.quidpro.client.model.SubmitRequest;
import org.quidpro.simulator.scenario.Behaviour;
import org.quidpro.simulator.scenario.Scenario;
import org.quidpro.simulator.scenario.Scenario.Cohort;

/**
 * A simulated community living on the real services: it configures the community as the operator,
 * enrols every peer with its own key, and plays rounds. Each round the workload (files or a metered
 * service) runs its exchanges, colluders report their fake receipts, and the round ends when the services
 * have caught up (coalitions settled, ratings recomputed), so that the next round sees this one's effect.
 */
public final class Community {

    /** What a community kind does in one round. */
    interface Workload {
        List<Request> round(int round);

        /** Coalitions of this round that were served whole: the round waits until they have settled. */
        default List<Served> coalitionsToSettle() {
            return List.of();
        }
    }

    /** A coalition served whole this round: its requester consumes its value V (Dp += V) when it settles. */
    record Served(UUID coalition, Identity requester, double valueSeconds) {
    }

    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    /** rating-service's largest page of ratings. */
    private static final int RATINGS_PAGE = 1000;
    /** A little more than rating-service's recompute poll plus the outbox relay's (the local run's 1 s, 0.5 s). */
    private static final Duration RECOMPUTE = Duration.ofMillis(1500);

    private final Scenario scenario;
    private final Gateway gateway;
    private final String id;
    private final List<Peer> peers = new ArrayList<>();
    private final Map<String, Peer> byId = new HashMap<>();
    private final SplittableRandom random;
    private final SecureRandom keys;
    private final Workload workload;
    private int lateRounds;
    /** What each identity consumed in coalitions served whole, as rating-service should have booked it. */
    private final Map<String, Double> consumed = new HashMap<>();

    private Community(Scenario scenario, Gateway gateway, String id) {
        this.scenario = scenario;
        this.gateway = gateway;
        this.id = id;
        this.random = new SplittableRandom(scenario.seed());
        try {
            this.keys = SecureRandom.getInstance("SHA1PRNG"); // seeded before first use: repeatable keys
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        keys.setSeed(scenario.seed());
        this.workload = scenario.kind() == Scenario.Kind.FILES ? new FileSharing(this) : new ServiceExchange(this);
    }

    /** Configures the community {@code id} and enrols the scenario's population through the gateway. */
    public static Community open(Scenario scenario, Gateway gateway, String id) {
        Community community = new Community(scenario, gateway, id);
        community.configure(List.of());
        int number = 0;
        for (Cohort cohort : scenario.population()) {
            for (int i = 0; i < cohort.count(); i++) {
                Peer peer = new Peer(number++, cohort, cohort.uploadBytesPerSecond().draw(community.random),
                        cohort.downloadBytesPerSecond().draw(community.random));
                community.enrol(peer);
                community.peers.add(peer);
            }
        }
        if (scenario.preTrusted() > 0) {
            Cohort first = scenario.population().getFirst();
            community.configure(community.peers.stream().filter(p -> p.cohort() == first).limit(scenario.preTrusted())
                    .map(Peer::id).toList());
        }
        if (community.workload instanceof FileSharing files) {
            files.seed();
        }
        return community;
    }

    private void configure(List<String> preTrusted) {
        Map<String, Object> body = scenario.community();
        Map<String, Object> rating = new HashMap<>(scenario.ratingSettings());
        if (!preTrusted.isEmpty()) {
            rating.put("preTrusted", preTrusted);
        }
        CommunityRequest request = new CommunityRequest()
                .unit(CommunityRequest.UnitEnum.fromValue(String.valueOf(body.get("unit"))))
                .credits(credits(body.get("credits")))
                .rating(rating)
                .allocation(map(body.get("allocation")));
        gateway.asOperator(headers -> gateway.communities.configure(id, request, headers));
    }

    private void enrol(Peer peer) {
        peer.identity(Identity.generate(keys));
        // Accounting registers positive bandwidths; a peer that only provides or only consumes declares 1 B/s.
        gateway.enrol(peer.identity(), Math.max(1, peer.uploadBytesPerSecond()), Math.max(1, peer.downloadBytesPerSecond()),
                id);
        byId.put(peer.id(), peer);
    }

    /** Plays round {@code round}: identities reset, the exchanges, fake receipts, then catching up. */
    public Round play(int round) {
        for (Peer peer : peers) {
            int every = peer.cohort().resetEvery();
            if (peer.behaviourAt(round) == Behaviour.WHITEWASHER && every > 0 && round > 0 && round % every == 0) {
                enrol(peer); // a new key, a new peer id: a newcomer again
            }
        }
        List<Request> requests = workload.round(round);
        int fakes = fakeReceipts(round);
        catchUp(workload.coalitionsToSettle());
        return new Round(round, requests, ratings(), fakes);
    }

    /** Colluders co-sign receipts for transfers that never happened, each as provider to another colluder. */
    private int fakeReceipts(int round) {
        List<Peer> colluders = peers.stream().filter(p -> p.behaviourAt(round) == Behaviour.COLLUDER).toList();
        if (colluders.size() < 2) {
            return 0;
        }
        int accepted = 0;
        for (Peer provider : colluders) {
            List<SubmitRequest> batch = new ArrayList<>();
            for (int i = 0; i < provider.cohort().fakeReceiptsPerRound(); i++) {
                Peer consumer;
                do {
                    consumer = colluders.get(random.nextInt(colluders.size()));
                } while (consumer == provider);
                batch.add(ReceiptSigning.signed(receipt(provider, consumer, provider.cohort().fakeAmount(), null,
                        Duration.ofSeconds(scenario.roundSeconds()), true), provider.identity(), consumer.identity()));
            }
            accepted += report(provider, batch);
        }
        return accepted;
    }

    /** A receipt for an episode that ended just now and lasted {@code duration} (simulated). */
    ReceiptBody receipt(Peer provider, Peer consumer, long amount, String contentHash, Duration duration,
            boolean satisfied) {
        // Ends now (the next millisecond): after the coalition it serves was formed, as the coalition service
        // checks; the simulated duration goes before it.
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        Duration lasted = duration.compareTo(Duration.ofDays(6)) > 0 ? Duration.ofDays(6) : duration;
        return new ReceiptBody().community(id).provider(provider.id()).consumer(consumer.id()).amount(amount)
                .contentHash(contentHash)
                .startedAt(OffsetDateTime.ofInstant(end.minus(lasted.plusMillis(1)), ZoneOffset.UTC))
                .endedAt(OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
                .satisfied(satisfied).score(satisfied ? 5 : 1)
                .nonce(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    }

    /**
     * The provider asks the gateway how to divide its capacity for the round among those who asked it
     * (peer → what each asks for); the answer is each one's granted rate, by peer id.
     */
    Map<String, Long> grants(Peer provider, Map<Peer, Long> asked) {
        List<org.quidpro.client.model.RequesterRequest> requesters = new ArrayList<>();
        asked.forEach((requester, rate) -> requesters.add(new org.quidpro.client.model.RequesterRequest()
                .peerId(requester.id()).downloadBytesPerSecond(Math.max(1, rate))));
        var decision = gateway.as(provider.identity(), headers -> gateway.allocations.allocate(id,
                new org.quidpro.client.model.AllocationRequest().capacityBytesPerSecond(provider.uploadBytesPerSecond())
                        .requesters(requesters), headers));
        Map<String, Long> granted = new HashMap<>();
        decision.getGrants().forEach(g -> granted.put(g.getPeerId(), g.getBytesPerSecond()));
        return granted;
    }

    /** The provider reports co-signed receipts in batches; returns how many were recorded. */
    int report(Peer provider, List<SubmitRequest> receipts) {
        int recorded = 0;
        for (int from = 0; from < receipts.size(); from += 100) {
            var batch = new org.quidpro.client.model.BatchRequest()
                    .receipts(receipts.subList(from, Math.min(receipts.size(), from + 100)));
            var response = gateway.as(provider.identity(), headers -> gateway.receipts.submitBatch(batch, headers));
            recorded += response.getRecorded() + response.getReplayed();
        }
        return recorded;
    }

    /**
     * Waits until the services have caught up with this round, so the next round's decisions see it: every
     * coalition served whole has settled, rating-service has booked what each requester consumed (its Rb,
     * which the coalition service asks, is then current), and one recompute period has passed for the
     * scores. Bounded: a round the services did not catch up with in time is counted, not fatal.
     */
    private void catchUp(List<Served> served) {
        if ("none".equals(scenario.scheme())) {
            return; // no incentive: nothing the next round depends on
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        boolean caughtUp = true;
        for (Served s : served) {
            consumed.merge(s.requester().id(), s.valueSeconds(), Double::sum);
            caughtUp &= waitUntil(deadline, () -> gateway.as(s.requester(), headers ->
                    gateway.coalitions.coalition(id, s.coalition(), headers)).getStatus()
                    != org.quidpro.client.model.Stored.StatusEnum.OPEN);
        }
        if ("responsiveness".equals(scenario.scheme())) {
            for (Identity requester : served.stream().map(Served::requester).distinct().toList()) {
                double expected = consumed.get(requester.id());
                caughtUp &= waitUntil(deadline, () -> gateway.as(requester, headers ->
                        gateway.responsiveness.responsiveness(id, requester.id(), headers)).getConsumedSeconds()
                        >= 0.999 * expected); // decayed by a few seconds of the half-life
            }
        }
        if (!caughtUp) {
            lateRounds++;
        }
        Gateway.sleep(RECOMPUTE); // receipts and settlements reach the scores at the next recompute
    }

    /** Polls {@code done} until it holds (true) or the deadline passes (false). */
    private static boolean waitUntil(long deadline, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Gateway.sleep(Duration.ofMillis(100));
        }
        return true;
    }

    /**
     * Every peer's current relative score, as anyone may read it: the community's ratings in one call, and
     * one call per peer only for those a full page left out.
     */
    private Map<Integer, Double> ratings() {
        Map<Integer, Double> scores = new HashMap<>();
        if ("none".equals(scenario.scheme())) {
            return scores;
        }
        var page = gateway.anonymous(headers -> gateway.ratings.top(id, RATINGS_PAGE, headers));
        Map<String, Double> byPeer = new HashMap<>();
        page.forEach(r -> byPeer.put(r.getPeerId(), r.getRelativeScore()));
        for (Peer peer : peers) {
            Double score = byPeer.get(peer.id());
            if (score == null && page.size() == RATINGS_PAGE) {
                try {
                    score = gateway.anonymous(headers -> gateway.ratings.rating(id, peer.id(), headers)).getRelativeScore();
                } catch (Gateway.Refused e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            }
            if (score != null) {
                scores.put(peer.number(), score);
            }
        }
        return scores;
    }

    /** Rounds whose effects the services had not caught up with within the wait. */
    public int lateRounds() {
        return lateRounds;
    }

    public String id() {
        return id;
    }

    public List<Peer> peers() {
        return peers;
    }

    Peer peer(String peerId) {
        return byId.get(peerId);
    }

    Scenario scenario() {
        return scenario;
    }

    Gateway gateway() {
        return gateway;
    }

    SplittableRandom random() {
        return random;
    }

    private static CreditsRequest credits(Object value) {
        Map<String, Object> credits = map(value);
        CreditsRequest request = new CreditsRequest().enabled(Boolean.TRUE.equals(credits.get("enabled")));
        if (credits.get("pricePerUnit") != null) {
            request.pricePerUnit(new java.math.BigDecimal(credits.get("pricePerUnit").toString()));
        }
        if (credits.get("newcomerGrant") != null) {
            request.newcomerGrant(new java.math.BigDecimal(credits.get("newcomerGrant").toString()));
        }
        if (credits.get("overdraftLimit") != null) {
            request.overdraftLimit(new java.math.BigDecimal(credits.get("overdraftLimit").toString()));
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
