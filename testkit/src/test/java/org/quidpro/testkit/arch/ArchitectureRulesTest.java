package org.quidpro.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    static final String FIXTURES = "org.quidpro.testkit.arch.fixture";

    @Test
    void domainCallingSpringBreaksTheRule() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".bad");

        var result = ArchitectureRules.domainIsFrameworkFree(FIXTURES + ".bad").evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement().asString().contains("Ledger.credit").contains("org.springframework.util.Assert");
    }

    @Test
    void adaptersMayUseSpringWhilePlainDomainPasses() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".good");

        assertThatCode(() -> ArchitectureRules.domainIsFrameworkFree(FIXTURES + ".good").check(classes))
                .doesNotThrowAnyException();
        assertThat(ArchitectureRules.domainOf(FIXTURES + ".good").test(classes.get(FIXTURES + ".good.ledger.Ledger")))
                .isTrue();
        assertThat(ArchitectureRules.domainOf(FIXTURES + ".good")
                .test(classes.get(FIXTURES + ".good.ledger.web.LedgerController"))).isFalse();
    }
}
