package org.quidpro.coalition.config;

import org.quidpro.coalition.community.CoalitionSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CoalitionProperties.class)
class CoalitionConfiguration {

    /** What a community gets where its configuration says nothing about coalitions. */
    @Bean
    CoalitionSettings defaultCoalitionSettings(CoalitionProperties properties) {
        return new CoalitionSettings(properties.maxMembers(), properties.settleWithin());
    }
}
