package org.quidpro.platform.time;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The services' clock, replaceable in tests. */
@AutoConfiguration
public class ClockAutoConfiguration {

    /** Ticks in microseconds, PostgreSQL's precision, so what an answer shows is what is stored. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
