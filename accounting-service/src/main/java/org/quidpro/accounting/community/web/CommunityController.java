package org.quidpro.accounting.community.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.community.application.Communities;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Communities: operators configure them, everyone may read them. */
@RestController
@RequestMapping("/v1/communities")
class CommunityController {

    private final Communities communities;

    CommunityController(Communities communities) {
        this.communities = communities;
    }

    record CreditsRequest(@NotNull Boolean enabled, BigDecimal pricePerUnit, BigDecimal newcomerGrant,
            BigDecimal overdraftLimit) {}

    record CommunityRequest(@NotNull ContributionUnit unit, @NotNull @Valid CreditsRequest credits,
            @NotNull Map<String, Object> rating, @NotNull Map<String, Object> allocation) {}

    record CreditsResponse(boolean enabled, String pricePerUnit, String newcomerGrant, String overdraftLimit) {}

    record CommunityResponse(String id, long revision, ContributionUnit unit, CreditsResponse credits,
            Map<String, Object> rating, Map<String, Object> allocation, Instant updatedAt) {

        static CommunityResponse of(Communities.Configured configured) {
            Community c = configured.community();
            var credits = c.credits();
            return new CommunityResponse(c.id(), configured.revision(), c.unit(),
                    new CreditsResponse(credits.enabled(), Community.decimal(credits.pricePerUnit()), Community.decimal(credits.newcomerGrant()),
                            Community.decimal(credits.overdraftLimit())),
                    c.rating(), c.allocation(), configured.updatedAt());
        }
    }

    /** Creates the community or changes it (a new revision). Operators only. */
    @PutMapping("/{id}")
    CommunityResponse configure(@PathVariable String id, @Valid @RequestBody CommunityRequest request, Caller caller) {
        Access.requireOperator(caller);
        var credits = request.credits();
        var terms = new Community.CreditTerms(credits.enabled(), orZero(credits.pricePerUnit()),
                orZero(credits.newcomerGrant()), orZero(credits.overdraftLimit()));
        return CommunityResponse.of(communities.configure(
                new Community(id, request.unit(), terms, request.rating(), request.allocation())));
    }

    @GetMapping("/{id}")
    CommunityResponse find(@PathVariable String id) {
        return communities.find(id).map(CommunityResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + id));
    }

    @GetMapping
    List<CommunityResponse> all() {
        return communities.all().stream().map(CommunityResponse::of).toList();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

}
