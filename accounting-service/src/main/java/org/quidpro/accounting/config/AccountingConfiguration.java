package org.quidpro.accounting.config;

import java.time.Clock;
import java.time.Duration;
import org.quidpro.accounting.receipt.ReceiptRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountingSettings.class)
class AccountingConfiguration {

    /** Ticks in microseconds, PostgreSQL's precision, so what an answer shows is what is stored. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    ReceiptRules receiptRules(AccountingSettings settings) {
        return settings.receiptRules();
    }
}
