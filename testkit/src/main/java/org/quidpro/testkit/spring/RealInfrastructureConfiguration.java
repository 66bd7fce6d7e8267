package org.quidpro.testkit.spring;

import java.util.List;
import org.quidpro.testkit.infra.KafkaEndpoint;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a Spring Boot application at this JVM's real PostgreSQL and Kafka (see
 * {@link RealInfrastructure}), the way {@code @ServiceConnection} does for containers.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructureConfiguration {

    @Bean
    JdbcConnectionDetails realPostgres() {
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return postgres.username();
            }

            @Override
            public String getPassword() {
                return postgres.password();
            }

            @Override
            public String getJdbcUrl() {
                return postgres.jdbcUrl();
            }
        };
    }

    @Bean
    KafkaConnectionDetails realKafka() {
        KafkaEndpoint kafka = RealInfrastructure.kafka();
        return () -> List.of(kafka.bootstrapServers().split(","));
    }
}
