package org.quidpro.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quidpro.platform.events.OutboxRelay;
import org.quidpro.platform.events.OutboxWriter;
import org.quidpro.platform.plumbing.PlumbingTestApplication.Tallies;
import org.quidpro.platform.plumbing.PlumbingTestApplication.TallyIncremented;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIntegrationTest
class OutboxIntegrationTest {

    @Autowired Tallies tallies;
    @Autowired OutboxWriter outbox;
    @Autowired OutboxRelay relay;
    @Autowired JdbcClient jdbc;

    @Test
    void publishesEveryCommittedEventOnceInCommitOrder() {
        String tally = PlumbingTests.tally();
        List<UUID> committed = IntStream.rangeClosed(1, 40).mapToObj(i -> tallies.increment(tally, i).eventId()).toList();

        assertThat(PlumbingTests.publishedIds(tally, committed.size(), Duration.ofSeconds(30)))
                .containsExactlyElementsOf(committed);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from outbox_event where event_key = :key and published_at is not null")
                .param("key", tally).query(Long.class).single()).isEqualTo(committed.size()));
        assertThat(tallies.total(tally)).isEqualTo(40 * 41 / 2);
    }

    @Test
    void aRolledBackCommandLeavesNeitherStateNorEvent() {
        String tally = PlumbingTests.tally();

        assertThatThrownBy(() -> tallies.incrementThenFail(tally, 5)).isInstanceOf(IllegalStateException.class);
        tallies.increment(tally, 1); // a later event of the same key proves the relay has run past it
        relay.relay();

        assertThat(tallies.total(tally)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_event where event_key = :key").param("key", tally)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(PlumbingTests.publishedIds(tally, 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void anEventOutsideATransactionIsRefused() {
        var orphan = new TallyIncremented(UUID.randomUUID(), Instant.now(), PlumbingTests.tally(), 1);

        assertThatThrownBy(() -> outbox.append(orphan)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    @Test
    void purgeDeletesPublishedRowsPastRetentionOnly() {
        String tally = PlumbingTests.tally();
        UUID old = tallies.increment(tally, 1).eventId();
        UUID recent = tallies.increment(tally, 2).eventId();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from outbox_event where event_key = :key and published_at is not null")
                .param("key", tally).query(Long.class).single() == 2);
        jdbc.sql("update outbox_event set published_at = now() - interval '2 hours' where event_id = :id")
                .param("id", old).update();

        relay.purge();

        assertThat(jdbc.sql("select event_id from outbox_event where event_key = :key").param("key", tally)
                .query(UUID.class).list()).containsExactly(recent);
    }
}
