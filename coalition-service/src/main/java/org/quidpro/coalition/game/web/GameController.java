package org.quidpro.coalition.game.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.quidpro.coalition.config.CoalitionProperties;
import org.quidpro.coalition.game.Core;
import org.quidpro.coalition.game.DownloadGame;
import org.quidpro.coalition.game.Shapley;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For analysts: a hypothetical coalition (bandwidths given, nothing stored) with its value, the paper's
 * payoffs, the core bounds and the Shapley value side by side, and whether each division is in the core.
 */
@RestController
class GameController {

    /** Up to this many players the core is also checked by brute force and the Shapley value is exact. */
    static final int EXACT_UP_TO = 16;

    private final CoalitionProperties properties;

    GameController(CoalitionProperties properties) {
        this.properties = properties;
    }

    record GameRequest(
            @NotNull @Positive Long fileSizeBytes,
            @NotNull @Positive Long initialUploadBytesPerSecond,
            @NotNull List<@NotNull @Positive Long> helperUploadBytesPerSecond,
            @Min(100) @Max(100_000) Integer shapleySamples) {}

    record Player(int player, long rateBytesPerSecond, double payoffSeconds, double coreLowerSeconds,
            double coreUpperSeconds, double shapleySeconds, double shapleyErrorSeconds) {}

    /**
     * @param bruteForceCore the exhaustive check over all 2^n coalitions (null above {@value #EXACT_UP_TO}
     *        players); {@code payoffsInCore} is the closed form, for any n
     * @param shapleyErrorConfidence the confidence of the sampled Shapley value's error bound (1 when exact)
     */
    record GameAnswer(double soloSeconds, double coalitionSeconds, double valueSeconds, boolean payoffsInCore,
            Boolean bruteForceCore, boolean shapleyInCore, String shapleyMethod, double shapleyErrorConfidence,
            List<Player> players) {}

    @PostMapping("/v1/coalition-games")
    GameAnswer game(@Valid @RequestBody GameRequest request, Caller caller) {
        Access.require(caller, caller.role() != Caller.Role.ANONYMOUS, "anyone authenticated");
        int n = request.helperUploadBytesPerSecond().size() + 1;
        if (n > properties.maxHypotheticalPlayers()) {
            throw new IllegalArgumentException("helperUploadBytesPerSecond: too many candidates, at most "
                    + (properties.maxHypotheticalPlayers() - 1) + " helpers");
        }
        long[] rates = new long[n];
        rates[0] = request.initialUploadBytesPerSecond();
        for (int i = 1; i < n; i++) {
            rates[i] = request.helperUploadBytesPerSecond().get(i - 1);
        }
        DownloadGame game = new DownloadGame(request.fileSizeBytes(), rates);
        double[] payoffs = game.payoffs();
        double[] upper = game.marginalContributions();
        boolean exact = n <= EXACT_UP_TO;
        double[] shapley;
        double[] error = new double[n];
        double confidence = 1;
        if (exact) {
            shapley = Shapley.exact(game);
        } else {
            Shapley.Estimate estimate = Shapley.sampled(game,
                    request.shapleySamples() == null ? 2_000 : request.shapleySamples(), 0.95, new SplittableRandom(n));
            shapley = estimate.values();
            error = estimate.halfWidth();
            confidence = estimate.confidence();
        }
        List<Player> players = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // Lower core bound: V({i}) = 0 for everyone (p_0 alone saves nothing; a helper alone has no file).
            players.add(new Player(i, rates[i], payoffs[i], 0, upper[i], shapley[i], error[i]));
        }
        return new GameAnswer(game.soloSeconds(), game.coalitionSeconds(), game.grandValue(), game.inCore(payoffs, 1e-9),
                exact ? Core.check(game, payoffs, 1e-9).isEmpty() : null, game.inCore(shapley, 1e-9),
                exact ? "EXACT" : "SAMPLED", confidence, players);
    }
}
