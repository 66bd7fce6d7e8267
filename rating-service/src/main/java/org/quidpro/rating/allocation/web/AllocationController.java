package org.quidpro.rating.allocation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.quidpro.rating.allocation.AllocationPolicy;
import org.quidpro.rating.allocation.Allocator;
import org.quidpro.rating.allocation.Grant;
import org.quidpro.rating.allocation.Requester;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.score.persistence.RatingStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The question every peer asks: "I have this much upload capacity; these peers ask me for data; whom do I
 * serve, in which order, at what rate?" Scores are the requesters' current relative ratings (1 = the
 * average peer); a requester with no rating yet is a newcomer.
 */
@RestController
class AllocationController {

    static final int MAX_REQUESTERS = 1000;

    private final CommunitySettingsStore settings;
    private final RatingStore ratings;

    AllocationController(CommunitySettingsStore settings, RatingStore ratings) {
        this.settings = settings;
        this.ratings = ratings;
    }

    record RequesterRequest(@NotNull @Pattern(regexp = "^[0-9a-f]{40}$", message = "a peer id: 40 lower-case hex digits")
            String peerId, @NotNull @Positive Long downloadBytesPerSecond) {}

    record AllocationRequest(@NotNull @PositiveOrZero Long capacityBytesPerSecond,
            @NotEmpty @Size(max = MAX_REQUESTERS) List<@NotNull @Valid RequesterRequest> requesters) {}

    record AllocationResponse(String community, long capacityBytesPerSecond, AllocationPolicy policy, List<Grant> grants) {}

    @PostMapping("/v1/communities/{community}/allocations")
    AllocationResponse allocate(@PathVariable String community, @Valid @RequestBody AllocationRequest request) {
        AllocationPolicy policy = settings.allocation(community)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + community));
        if (new HashSet<>(request.requesters().stream().map(RequesterRequest::peerId).toList()).size()
                != request.requesters().size()) {
            throw new IllegalArgumentException("each requester may appear once");
        }
        Map<String, Double> relative = ratings.relativeScores(community,
                request.requesters().stream().map(RequesterRequest::peerId).toList());
        List<Requester> requesters = request.requesters().stream().map(r -> new Requester(r.peerId(),
                relative.getOrDefault(r.peerId(), 0.0), r.downloadBytesPerSecond(), !relative.containsKey(r.peerId())))
                .toList();
        return new AllocationResponse(community, request.capacityBytesPerSecond(), policy,
                Allocator.allocate(request.capacityBytesPerSecond(), requesters, policy));
    }
}
