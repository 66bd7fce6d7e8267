package org.quidpro.coalition.formation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.quidpro.coalition.formation.Plan;
import org.quidpro.coalition.formation.application.Coalitions;
import org.quidpro.coalition.formation.persistence.CoalitionStore;
import org.quidpro.contracts.Identifiers;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A requester asks for a coalition for one download (201 with the plan, or 200 with a single-source
 * answer when its bonus is 0); anyone in it, analysts and operators read a coalition's plan and outcome.
 */
@RestController
@RequestMapping("/v1/communities/{community}/coalitions")
class CoalitionController {

    private final Coalitions coalitions;
    private final CoalitionStore store;

    CoalitionController(Coalitions coalitions, CoalitionStore store) {
        this.coalitions = coalitions;
        this.store = store;
    }

    record Range(@NotNull @PositiveOrZero Long first, @NotNull @PositiveOrZero Long last) {}

    record FormRequest(
            @NotNull @Pattern(regexp = Identifiers.PEER_ID) String requester,
            @NotNull @Pattern(regexp = Identifiers.CONTENT_HASH_ACCEPTED, message = "SHA-256 as 64 hex digits or a multihash")
            String contentHash,
            @NotNull @Positive Long downloadBytesPerSecond,
            @Pattern(regexp = Identifiers.PEER_ID) String initialUploader,
            @Valid Range range,
            @Size(max = 100) List<@NotNull @Pattern(regexp = Identifiers.PEER_ID) String> exclude) {}

    record Answer(UUID id, Plan.Kind kind, Instant settleBy, Plan plan) {}

    @PostMapping
    ResponseEntity<Answer> form(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @Valid @RequestBody FormRequest request, Caller caller) {
        Access.requirePeerOrOperator(caller, request.requester());
        String hash = request.contentHash().toLowerCase(Locale.ROOT);
        var formed = coalitions.form(new Coalitions.Ask(community, request.requester(),
                hash.length() == 68 ? hash.substring(4) : hash, request.downloadBytesPerSecond(),
                Optional.ofNullable(request.initialUploader()),
                Optional.ofNullable(request.range()).map(r -> new long[] {r.first(), r.last()}),
                request.exclude() == null ? List.of() : request.exclude()));
        Answer answer = new Answer(formed.id(), formed.plan().kind(), formed.settleBy(), formed.plan());
        return ResponseEntity.status(formed.id() == null ? HttpStatus.OK : HttpStatus.CREATED).body(answer);
    }

    @GetMapping("/{id}")
    CoalitionStore.Stored coalition(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable UUID id, Caller caller) {
        CoalitionStore.Stored coalition = store.find(id).filter(c -> c.community().equals(community)).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no coalition " + id + " in " + community));
        Access.requireReader(caller, Stream.concat(Stream.of(coalition.requester()),
                coalition.members().stream().map(CoalitionStore.StoredMember::peerId)).toArray(String[]::new));
        return coalition;
    }
}
