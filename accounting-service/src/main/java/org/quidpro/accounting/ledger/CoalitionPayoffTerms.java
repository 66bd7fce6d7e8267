package org.quidpro.accounting.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.quidpro.accounting.community.Community;

/**
 * Where a community converts the coalition mechanism's utility into credits: {@code creditsPerSecondSaved}
 * in the {@code coalition} section of its allocation settings, with credits enabled. The requester pays
 * each member its realised payoff (seconds saved) times that price.
 */
public record CoalitionPayoffTerms(BigDecimal creditsPerSecondSaved) {

    public static Optional<CoalitionPayoffTerms> of(Community community) {
        if (!community.credits().enabled() || community.allocation() == null
                || !(community.allocation().get("coalition") instanceof Map<?, ?> coalition)) {
            return Optional.empty();
        }
        Object price = coalition.get("creditsPerSecondSaved");
        try {
            BigDecimal value = price instanceof Number || price instanceof String ? new BigDecimal(price.toString()) : null;
            return value != null && value.signum() > 0 ? Optional.of(new CoalitionPayoffTerms(value)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Credits for {@code seconds} of payoff, half-even at the credit scale. */
    public BigDecimal credits(double seconds) {
        return creditsPerSecondSaved.multiply(BigDecimal.valueOf(seconds))
                .setScale(Community.CREDIT_SCALE, RoundingMode.HALF_EVEN);
    }
}
