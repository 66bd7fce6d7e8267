package org.quidpro.accounting.community;

import org.quidpro.contracts.Identifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.quidpro.accounting.rules.Violation;
import org.quidpro.contracts.accounting.ContributionUnit;

/**
 * One application's scheme: what it counts, whether and how contributions are paid for in credits, and
 * the parameters the rating and allocation services read (kept as given, checked only for the names
 * that select a scheme and a policy).
 */
public record Community(
        String id, ContributionUnit unit, CreditTerms credits, Map<String, Object> rating,
        Map<String, Object> allocation) {

    public static final Pattern ID = Pattern.compile(Identifiers.COMMUNITY_ID);
    public static final Set<String> RATING_SCHEMES = Set.of("eigentrust", "ratio", "responsiveness", "none");
    /** Credits carry six decimals: enough for a price per byte of a millionth of a credit per MiB. */
    public static final int CREDIT_SCALE = 6;

    /**
     * @param enabled whether consumers pay providers
     * @param pricePerUnit credits per unit contributed
     * @param newcomerGrant credits a peer receives when it joins (the only way credits enter a community)
     * @param overdraftLimit how far below zero a balance may go
     */
    public record CreditTerms(boolean enabled, BigDecimal pricePerUnit, BigDecimal newcomerGrant, BigDecimal overdraftLimit) {

        public static final CreditTerms NONE = new CreditTerms(false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        /** What a consumer pays for {@code amount} units, rounded half-even to the credit scale. */
        public BigDecimal cost(long amount) {
            return pricePerUnit.multiply(BigDecimal.valueOf(amount)).setScale(CREDIT_SCALE, RoundingMode.HALF_EVEN);
        }

        /** The grant a newcomer receives: nothing where credits are off. */
        public BigDecimal grant() {
            return enabled ? newcomerGrant.setScale(CREDIT_SCALE, RoundingMode.UNNECESSARY) : BigDecimal.ZERO.setScale(CREDIT_SCALE);
        }
    }

    /** Credits as clients see them: plain decimal, no trailing zeros ("12.5", "0"). */
    public static String decimal(BigDecimal credits) {
        return credits.signum() == 0 ? "0" : credits.stripTrailingZeros().toPlainString();
    }

    /** Everything wrong with a proposed configuration, by field; empty when it may be stored. */
    public static List<Violation> check(String id, ContributionUnit unit, CreditTerms credits, Map<String, Object> rating,
            Map<String, Object> allocation) {
        List<Violation> violations = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            violations.add(new Violation("id", "lower-case letters, digits and '-', at most 63, starting with a letter or digit"));
        }
        if (unit == null) {
            violations.add(new Violation("unit", "required: one of BYTES, SECONDS, CONSULTATIONS"));
        }
        if (credits == null) {
            violations.add(new Violation("credits", "required"));
        } else {
            decimal(violations, "credits.pricePerUnit", credits.pricePerUnit(), 9);
            decimal(violations, "credits.newcomerGrant", credits.newcomerGrant(), CREDIT_SCALE);
            decimal(violations, "credits.overdraftLimit", credits.overdraftLimit(), CREDIT_SCALE);
        }
        Object scheme = rating == null ? null : rating.get("scheme");
        if (!(scheme instanceof String name) || !RATING_SCHEMES.contains(name)) {
            violations.add(new Violation("rating.scheme", "one of " + RATING_SCHEMES.stream().sorted().toList()));
        }
        Object policy = allocation == null ? null : allocation.get("policy");
        if (!(policy instanceof String name) || name.isBlank()) {
            violations.add(new Violation("allocation.policy", "required: the allocation policy's name"));
        }
        return violations;
    }

    private static void decimal(List<Violation> violations, String field, BigDecimal value, int maxScale) {
        if (value == null) {
            violations.add(new Violation(field, "required"));
        } else if (value.signum() < 0) {
            violations.add(new Violation(field, "must not be negative"));
        } else if (value.stripTrailingZeros().scale() > maxScale) {
            violations.add(new Violation(field, "at most " + maxScale + " decimals"));
        } else if (value.compareTo(new BigDecimal("1000000000000")) > 0) {
            violations.add(new Violation(field, "at most 10^12"));
        }
    }
}
