package org.quidpro.rating.responsiveness.web;

import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import org.quidpro.contracts.Identifiers;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.responsiveness.Utility;
import org.quidpro.rating.responsiveness.persistence.UtilityStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A peer's responsiveness bonus Rb, computed now from its decayed Up, Dp and Fs (the coalition service
 * asks before it forms a coalition for a requester). Any community has one, whatever its rating scheme; under
 * the scheme {@code none} it is 1 for everyone (no incentive).
 */
@RestController
class ResponsivenessController {

    record Responsiveness(String peerId, double bonus, double earnedSeconds, double consumedSeconds, long filesShared,
            double gamma) {}

    private final CommunitySettingsStore settings;
    private final UtilityStore utilities;
    private final Clock clock;

    ResponsivenessController(CommunitySettingsStore settings, UtilityStore utilities, Clock clock) {
        this.settings = settings;
        this.utilities = utilities;
        this.clock = clock;
    }

    @GetMapping("/v1/communities/{community}/peers/{peerId}/responsiveness")
    Responsiveness responsiveness(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable @Pattern(regexp = Identifiers.PEER_ID) String peerId, Caller caller) {
        Access.requireReader(caller, peerId);
        RatingSettings rules = settings.find(community).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + community));
        Utility u = utilities.of(community, peerId, rules.halfLife(), clock.instant()).orElse(Utility.NONE);
        double bonus = rules.responsivenessBonus(u.earnedSeconds(), u.consumedSeconds(), u.filesShared());
        return new Responsiveness(peerId, bonus, u.earnedSeconds(), u.consumedSeconds(), u.filesShared(),
                rules.responsivenessGamma());
    }
}
