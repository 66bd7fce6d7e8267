package org.quidpro.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Set;

/**
 * The package rules of every service. A service's code is packaged by feature
 * ({@code org.quidpro.rating.eigentrust}); the feature package holds the domain logic in plain Java,
 * and the adapters around it live in sub-packages named after their role ({@code application} holds
 * the transactional use cases that tie domain and adapters together).
 */
public final class ArchitectureRules {

    /** Sub-package names that hold adapters: the only places where frameworks may appear. */
    public static final Set<String> ADAPTER_PACKAGES = Set.of("web", "persistence", "messaging", "config", "client", "application");

    private static final String[] FRAMEWORKS = {
        "org.springframework..", "jakarta.persistence..", "org.hibernate..", "org.apache.kafka..", "org.flywaydb..",
        "tools.jackson.databind..", "com.fasterxml.jackson.databind.."
    };

    private ArchitectureRules() {}

    /** Classes below {@code servicePackage} that are neither the application class nor in an adapter package. */
    public static DescribedPredicate<JavaClass> domainOf(String servicePackage) {
        return DescribedPredicate.describe("domain code of " + servicePackage, javaClass -> {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(servicePackage + ".")) {
                return false;
            }
            return Arrays.stream(pkg.substring(servicePackage.length() + 1).split("\\."))
                    .noneMatch(ADAPTER_PACKAGES::contains);
        });
    }

    /**
     * Domain logic (rating math, coalition formation, payoff division, allocation policy, receipt
     * verification) has no Spring, JPA, Hibernate, Kafka, Flyway or Jackson databind inside.
     * An empty domain passes, so a service may start with adapters only.
     */
    public static ArchRule domainIsFrameworkFree(String servicePackage) {
        return noClasses().that(domainOf(servicePackage))
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("domain logic is plain Java, tested directly; frameworks belong to the adapters ("
                        + String.join(", ", ADAPTER_PACKAGES) + ")")
                .allowEmptyShould(true);
    }
}
