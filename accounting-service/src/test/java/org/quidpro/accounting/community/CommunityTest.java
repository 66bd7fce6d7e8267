package org.quidpro.accounting.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.rules.Violation;
import org.quidpro.contracts.accounting.ContributionUnit;

class CommunityTest {

    @Test
    void costIsPriceTimesAmountRoundedHalfEvenToSixDecimals() {
        var terms = new Community.CreditTerms(true, new BigDecimal("0.000001"), new BigDecimal("100"), BigDecimal.TEN);

        assertThat(terms.cost(1_048_576)).isEqualByComparingTo("1.048576");
        assertThat(terms.cost(1)).isEqualByComparingTo("0.000001");
        assertThat(new Community.CreditTerms(true, new BigDecimal("0.0000005"), BigDecimal.ZERO, BigDecimal.ZERO).cost(1))
                .as("half-even: 0.0000005 rounds to 0").isEqualByComparingTo("0");
        assertThat(terms.grant()).isEqualByComparingTo("100");
        assertThat(Community.CreditTerms.NONE.grant()).isEqualByComparingTo("0");
    }

    @Test
    void aConfigurationNamesEveryFieldItGetsWrong() {
        var terms = new Community.CreditTerms(true, new BigDecimal("-1"), new BigDecimal("0.0000001"), null);

        assertThat(Community.check("Bad Id", null, terms, Map.of("scheme", "pagerank"), Map.of()))
                .extracting(Violation::field).containsExactly("id", "unit", "credits.pricePerUnit",
                        "credits.newcomerGrant", "credits.overdraftLimit", "rating.scheme", "allocation.policy");
        assertThat(Community.check("file-sharing", ContributionUnit.BYTES, Community.CreditTerms.NONE,
                Map.of("scheme", "eigentrust"), Map.of("policy", "proportional"))).isEmpty();
    }

    @Test
    void creditsAreShownAsPlainDecimals() {
        assertThat(Community.decimal(new BigDecimal("12.500000"))).isEqualTo("12.5");
        assertThat(Community.decimal(new BigDecimal("0.000000"))).isEqualTo("0");
        assertThat(Community.decimal(new BigDecimal("1E+3"))).isEqualTo("1000");
    }
}
