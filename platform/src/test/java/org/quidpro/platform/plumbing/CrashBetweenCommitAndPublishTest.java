package org.quidpro.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quidpro.platform.plumbing.PlumbingTestApplication.Tallies;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole service instances started and stopped inside the test, on a schema of their own so that no
 * other running test context can publish for them.
 */
class CrashBetweenCommitAndPublishTest {

    static ConfigurableApplicationContext instance(boolean relayEnabled) {
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        return new SpringApplicationBuilder(PlumbingTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password(),
                        "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafka().bootstrapServers(),
                        "--quidpro.service.schema=plumbing_crash",
                        "--quidpro.events.outbox.relay-enabled=" + relayEnabled,
                        "--quidpro.events.outbox.batch-size=7", // several batches, several lock hand-overs
                        "--tally-mirror.enabled=false");
    }

    @Test
    void anEventCommittedBeforeACrashIsPublishedAfterTheRestart() {
        String tally = PlumbingTests.tally();
        UUID eventId;
        try (var beforeCrash = instance(false)) {
            eventId = beforeCrash.getBean(Tallies.class).increment(tally, 7).eventId();
            assertThat(PlumbingTests.publishedIds(tally, 1, Duration.ofSeconds(2)))
                    .as("committed but not yet published when the process dies").isEmpty();
        }

        try (var afterRestart = instance(true)) {
            assertThat(PlumbingTests.publishedIds(tally, 1, Duration.ofSeconds(30))).containsExactly(eventId);
            JdbcClient jdbc = afterRestart.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select published_at is not null from outbox_event where event_id = :id").param("id", eventId)
                    .query(Boolean.class).single());
        }
        assertThat(PlumbingTests.publishedIds(tally, 2, Duration.ofSeconds(3))).as("published exactly once").hasSize(1);
    }

    @Test
    void twoReplicasPublishEveryEventOnceAndInOrder() {
        String tally = PlumbingTests.tally();
        List<UUID> committed = new ArrayList<>();
        try (var first = instance(true); var second = instance(true)) {
            Tallies[] replicas = {first.getBean(Tallies.class), second.getBean(Tallies.class)};
            for (int i = 0; i < 60; i++) {
                committed.add(replicas[i % 2].increment(tally, 1).eventId());
            }
            assertThat(PlumbingTests.publishedIds(tally, committed.size(), Duration.ofSeconds(30)))
                    .containsExactlyElementsOf(committed);
        }
        assertThat(PlumbingTests.publishedIds(tally, committed.size() + 1, Duration.ofSeconds(3)))
                .as("no duplicates after both stopped").hasSize(committed.size());
    }
}
