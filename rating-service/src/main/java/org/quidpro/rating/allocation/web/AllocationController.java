package org.quidpro.rating.allocation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.quidpro.contracts.Identifiers;
import org.quidpro.rating.allocation.AllocationPolicy;
import org.quidpro.rating.allocation.Allocator;
import org.quidpro.rating.allocation.Grant;
import org.quidpro.rating.allocation.ProviderPicker;
import org.quidpro.rating.allocation.Requester;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.score.persistence.CurrentRatings;
import org.quidpro.rating.score.persistence.RatingStore;
import org.quidpro.rating.score.persistence.RatingStore.Rating;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The questions every peer asks. "I have this much upload capacity; these peers ask me for data; whom do I
 * serve, in which order, at what rate?" and "pick k providers for me". Scores are the current relative
 * ratings (1 = the average peer); a requester with no rating, or with no contribution yet, is a newcomer.
 */
@RestController
class AllocationController {

    static final int MAX_REQUESTERS = 1000;
    static final int MAX_CANDIDATES = 10_000;
    static final int MAX_PICKS = 100;
    /** Without a candidate list, picks are drawn from this many of the community's best-rated peers. */
    static final int DEFAULT_POOL = 1000;

    private final CommunitySettingsStore settings;
    private final CurrentRatings current;
    private final RatingStore ratings;
    private final SecureRandom seeds = new SecureRandom();

    AllocationController(CommunitySettingsStore settings, CurrentRatings current, RatingStore ratings) {
        this.settings = settings;
        this.current = current;
        this.ratings = ratings;
    }

    record RequesterRequest(@NotNull @Pattern(regexp = Identifiers.PEER_ID, message = "a peer id: 40 lower-case hex digits")
            String peerId, @NotNull @Positive Long downloadBytesPerSecond) {}

    record AllocationRequest(@NotNull @PositiveOrZero Long capacityBytesPerSecond,
            @NotEmpty @Size(max = MAX_REQUESTERS) List<@NotNull @Valid RequesterRequest> requesters) {}

    record AllocationResponse(String community, String scheme, long capacityBytesPerSecond, AllocationPolicy policy,
            List<Grant> grants) {}

    @PostMapping("/v1/communities/{community}/allocations")
    AllocationResponse allocate(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @Valid @RequestBody AllocationRequest request) {
        CommunitySettingsStore.Settings known = settings.settings(community).orElseThrow(() -> unknown(community));
        AllocationPolicy policy = known.allocation();
        List<String> ids = request.requesters().stream().map(RequesterRequest::peerId).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("each requester may appear once");
        }
        Map<String, Rating> rated = current.of(community, ids);
        List<Requester> requesters = request.requesters().stream().map(r -> {
            Rating rating = rated.get(r.peerId());
            return new Requester(r.peerId(), rating == null ? 0.0 : rating.relativeScore(), r.downloadBytesPerSecond(),
                    rating == null || rating.newcomer());
        }).toList();
        return new AllocationResponse(community, known.rating().scheme(), request.capacityBytesPerSecond(), policy,
                Allocator.allocate(request.capacityBytesPerSecond(), requesters, policy));
    }

    record CandidateRequest(@NotNull @Pattern(regexp = Identifiers.PEER_ID, message = "a peer id: 40 lower-case hex digits")
            String peerId, Boolean available) {}

    /**
     * @param candidates whom to pick from, with their availability; absent: the community's best-rated
     *     {@value #DEFAULT_POOL} peers
     * @param exclude never pick these (the requester itself, providers it already uses)
     * @param seed makes the draw repeatable (simulations, audits); absent: a fresh random draw
     */
    record PickRequest(@NotNull @Min(1) @Max(MAX_PICKS) Integer k,
            @Size(min = 1, max = MAX_CANDIDATES) List<@NotNull @Valid CandidateRequest> candidates,
            @Size(max = MAX_CANDIDATES) List<@NotNull @Pattern(regexp = Identifiers.PEER_ID,
                    message = "a peer id: 40 lower-case hex digits") String> exclude,
            Long seed) {}

    record Pick(String peerId, int order, double relativeScore, double probability) {}

    record PickResponse(String community, String scheme, int k, int available, List<Pick> picks, String rule) {}

    @PostMapping("/v1/communities/{community}/provider-picks")
    PickResponse pick(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @Valid @RequestBody PickRequest request) {
        RatingSettings rating = settings.settings(community).orElseThrow(() -> unknown(community)).rating();
        Set<String> excluded = request.exclude() == null ? Set.of() : Set.copyOf(request.exclude());
        List<ProviderPicker.Candidate> candidates;
        if (request.candidates() == null) {
            candidates = ratings.top(community, DEFAULT_POOL).stream().filter(r -> !excluded.contains(r.peerId()))
                    .map(r -> new ProviderPicker.Candidate(r.peerId(), r.relativeScore(), true)).toList();
        } else {
            List<String> ids = request.candidates().stream().map(CandidateRequest::peerId).toList();
            if (new HashSet<>(ids).size() != ids.size()) {
                throw new IllegalArgumentException("each candidate may appear once");
            }
            Map<String, Rating> rated = current.of(community, ids);
            candidates = request.candidates().stream().filter(c -> !excluded.contains(c.peerId()))
                    .map(c -> new ProviderPicker.Candidate(c.peerId(),
                            rated.containsKey(c.peerId()) ? rated.get(c.peerId()).relativeScore() : 0.0,
                            !Boolean.FALSE.equals(c.available())))
                    .toList();
        }
        List<ProviderPicker.Candidate> open = candidates.stream().filter(ProviderPicker.Candidate::available).toList();
        double total = open.stream().mapToDouble(ProviderPicker.Candidate::score).sum();
        long seed = request.seed() == null ? seeds.nextLong() : request.seed();
        List<ProviderPicker.Candidate> picked = ProviderPicker.pick(candidates, request.k(), new SplittableRandom(seed));
        List<Pick> picks = new java.util.ArrayList<>(picked.size());
        for (int i = 0; i < picked.size(); i++) {
            ProviderPicker.Candidate c = picked.get(i);
            picks.add(new Pick(c.peerId(), i + 1, c.score(), total > 0 ? c.score() / total : 1.0 / open.size()));
        }
        return new PickResponse(community, rating.scheme(), request.k(), open.size(), picks,
                "sampled without replacement with probability proportional to relative score among %d available "
                        .formatted(open.size()) + "candidate(s); probability is each one's chance as the first pick"
                        + (total > 0 ? "" : "; all scores are 0, so uniformly"));
    }

    private static ResponseStatusException unknown(String community) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + community);
    }
}
