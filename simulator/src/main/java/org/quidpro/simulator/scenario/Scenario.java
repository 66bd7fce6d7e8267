package org.quidpro.simulator.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One simulated community, as a scenario file says: its configuration (what an operator PUTs), its
 * population by behaviour, what peers ask for and how often, in rounds of simulated time.
 *
 * @param name the scenario's name (also the community id's prefix)
 * @param kind what peers exchange: files (index, coalitions) or a metered service (connection-seconds,
 *     consultations)
 * @param community the community configuration, exactly the body of {@code PUT /v1/communities/{id}}
 * @param seed makes a run repeatable: keys aside, every draw comes from it
 * @param rounds how many rounds run
 * @param roundSeconds the simulated time one round stands for
 * @param warmupRounds rounds left out of the summary and the paper check (everyone starts as a newcomer)
 * @param population the peers, by behaviour
 * @param files the catalogue (file sharing only)
 * @param demand how often peers ask and how
 * @param preTrusted how many of the first cohort's peers the community pre-trusts (EigenTrust), 0 for none
 */
public record Scenario(String name, Kind kind, Map<String, Object> community, long seed, int rounds, long roundSeconds,
        int warmupRounds, List<Cohort> population, Catalogue files, Demand demand, int preTrusted) {

    public enum Kind { FILES, SERVICE }

    public Scenario {
        if (name == null || !name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("name: 1-40 of a-z, 0-9 and -");
        }
        if (kind == null || community == null || population == null || population.isEmpty() || demand == null) {
            throw new IllegalArgumentException("kind, community, population and demand are required");
        }
        if (rounds < 1 || roundSeconds < 1 || warmupRounds < 0 || warmupRounds >= rounds) {
            throw new IllegalArgumentException("rounds >= 1, roundSeconds >= 1, 0 <= warmupRounds < rounds");
        }
        if (kind == Kind.FILES && files == null) {
            throw new IllegalArgumentException("a file-sharing scenario has a files catalogue");
        }
        community = Map.copyOf(community);
        population = List.copyOf(population);
    }

    /**
     * Peers of one behaviour. Bandwidths are drawn uniformly from their range, per peer.
     *
     * @param becomes the behaviour it switches to at {@code atRound} (the paper's adaptive user), or null
     * @param label its name in the report (default: the behaviour, or "a→b" for one that changes)
     */
    public record Cohort(String label, Behaviour behaviour, int count, Range uploadBytesPerSecond,
            Range downloadBytesPerSecond, Behaviour becomes, int atRound, int resetEvery, int fakeReceiptsPerRound,
            long fakeAmount) {
        public Cohort {
            if (behaviour == null || count < 0 || uploadBytesPerSecond == null || downloadBytesPerSecond == null) {
                throw new IllegalArgumentException("a cohort has a behaviour, a count and both bandwidth ranges");
            }
            if (becomes != null && atRound < 1) {
                throw new IllegalArgumentException("a cohort that changes says at which round (>= 1)");
            }
            if (label == null) {
                label = becomes == null ? behaviour.label() : behaviour.label() + "→" + becomes.label();
            }
            if (behaviour == Behaviour.WHITEWASHER && resetEvery < 1) {
                throw new IllegalArgumentException("a whitewasher says every how many rounds it resets (>= 1)");
            }
        }

        /** Its behaviour in round {@code round}. */
        public Behaviour behaviourAt(int round) {
            return becomes != null && round >= atRound ? becomes : behaviour;
        }
    }

    /** An inclusive range of whole numbers. */
    public record Range(long min, long max) {
        public Range {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("0 <= min <= max");
            }
        }

        public long draw(java.util.random.RandomGenerator random) {
            return min == max ? min : random.nextLong(min, max + 1);
        }
    }

    /**
     * @param count how many distinct files exist
     * @param sizeBytes each file's size
     * @param copies how many sharing peers hold each file at the start
     */
    public record Catalogue(int count, Range sizeBytes, int copies) {}

    /**
     * @param requestProbability a peer's chance to ask for something in a round
     * @param coalitionShare of file requests, the share that asks for a coalition (the rest: one source)
     * @param amount a service request's amount (connection-seconds, consultations), per round
     * @param pickProviders service requests: choose the provider by the community's pick-k (by trust) rather
     *     than uniformly at random
     */
    public record Demand(double requestProbability, double coalitionShare, Range amount, boolean pickProviders) {
        public Demand {
            if (!(requestProbability > 0 && requestProbability <= 1) || !(coalitionShare >= 0 && coalitionShare <= 1)) {
                throw new IllegalArgumentException("requestProbability in (0, 1], coalitionShare in [0, 1]");
            }
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);

    /** A scenario by name from the bundled ones ({@code file-sharing}, {@code wlan}, {@code telemedicine}) or a file. */
    public static Scenario load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return YAML.readValue(in, Scenario.class);
                }
            }
            try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + nameOrPath + ".yaml")) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario file or bundled scenario named " + nameOrPath);
                }
                return YAML.readValue(in, Scenario.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** The same scenario with another rating scheme (the paper check's control run) or other sizes. */
    public Scenario withScheme(String scheme) {
        Map<String, Object> rating = new java.util.LinkedHashMap<>(ratingSettings());
        rating.put("scheme", scheme);
        Map<String, Object> copy = new java.util.LinkedHashMap<>(community);
        copy.put("rating", rating);
        return new Scenario(name, kind, copy, seed, rounds, roundSeconds, warmupRounds, population, files, demand,
                preTrusted);
    }

    public Scenario withRounds(int rounds) {
        return new Scenario(name, kind, community, seed, rounds, roundSeconds, Math.min(warmupRounds, rounds - 1),
                population, files, demand, preTrusted);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> ratingSettings() {
        return community.get("rating") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public String scheme() {
        return ratingSettings().get("scheme") instanceof String s ? s : "eigentrust";
    }
}
