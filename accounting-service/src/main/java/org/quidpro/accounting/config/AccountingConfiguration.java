package org.quidpro.accounting.config;

import org.quidpro.accounting.receipt.ReceiptRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountingSettings.class)
class AccountingConfiguration {

    @Bean
    ReceiptRules receiptRules(AccountingSettings settings) {
        return settings.receiptRules();
    }
}
