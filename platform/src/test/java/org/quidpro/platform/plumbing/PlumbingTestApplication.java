package org.quidpro.platform.plumbing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.EventCatalog;
import org.quidpro.contracts.EventType;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.QuidproEvents;
import org.quidpro.contracts.Topic;
import org.quidpro.platform.events.IdempotentConsumer;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A minimal service on the platform: a tally that reports its increments, and a mirror that consumes them. */
@SpringBootApplication
public class PlumbingTestApplication {

    static final Topic TALLIES = Topic.log("quidpro.plumbing-test");
    static final EventType<TallyIncremented> TALLY_INCREMENTED =
            new EventType<>("TallyIncremented", 1, TallyIncremented.class, TALLIES);

    public static void main(String[] args) {
        SpringApplication.run(PlumbingTestApplication.class, args);
    }

    @Bean
    EventCatalog eventCatalog() {
        return QuidproEvents.catalog().with(List.of(TALLY_INCREMENTED));
    }

    record TallyIncremented(UUID eventId, Instant occurredAt, String tally, long amount) implements IntegrationEvent {
        @Override
        public String key() {
            return tally;
        }
    }

    /** The command side: state change and event in one transaction. */
    @Component
    static class Tallies {
        private final JdbcClient jdbc;
        private final OutboxWriter outbox;

        Tallies(JdbcClient jdbc, OutboxWriter outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        public TallyIncremented increment(String tally, long amount) {
            jdbc.sql("""
                    insert into tally (name, total) values (:name, :amount)
                    on conflict (name) do update set total = tally.total + excluded.total""")
                    .param("name", tally).param("amount", amount).update();
            var event = new TallyIncremented(UUID.randomUUID(), Instant.now(), tally, amount);
            outbox.append(event);
            return event;
        }

        @Transactional
        public void incrementThenFail(String tally, long amount) {
            increment(tally, amount);
            throw new IllegalStateException("the command failed after appending its event");
        }

        public long total(String tally) {
            return jdbc.sql("select coalesce(sum(total), 0) from tally where name = :name").param("name", tally)
                    .query(Long.class).single();
        }
    }

    record IncrementRequest(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long amount) {}

    /** The REST side, to check that bad input gets a problem+json answer and stores nothing. */
    @org.springframework.web.bind.annotation.RestController
    static class TallyController {
        private final Tallies tallies;

        TallyController(Tallies tallies) {
            this.tallies = tallies;
        }

        @org.springframework.web.bind.annotation.PostMapping("/tallies/{name}")
        TallyIncremented increment(@org.springframework.web.bind.annotation.PathVariable String name,
                @jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody IncrementRequest request) {
            return tallies.increment(name, request.amount());
        }
    }

    /** The consuming side: mirrors every increment once, whatever Kafka redelivers. */
    @Component
    static class TallyMirror {
        /** Tallies whose handler throws this many more times before it succeeds. */
        final ConcurrentHashMap<String, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();
        final AtomicInteger handlerRuns = new AtomicInteger();
        private final JdbcClient jdbc;
        private final IdempotentConsumer consumer;

        TallyMirror(JdbcClient jdbc, IdempotentConsumer consumer) {
            this.jdbc = jdbc;
            this.consumer = consumer;
        }

        @KafkaListener(id = "tally-mirror", topics = "quidpro.plumbing-test", autoStartup = "${tally-mirror.enabled:true}")
        void on(ConsumerRecord<String, String> record) {
            consumer.consume("tally-mirror", record, event -> {
                handlerRuns.incrementAndGet();
                if (event instanceof TallyIncremented increment) {
                    jdbc.sql("""
                            insert into tally_mirror (name, total, applications) values (:name, :amount, 1)
                            on conflict (name) do update
                            set total = tally_mirror.total + excluded.total, applications = tally_mirror.applications + 1""")
                            .param("name", increment.tally()).param("amount", increment.amount()).update();
                    AtomicInteger failures = failuresToInject.get(increment.tally());
                    if (failures != null && failures.getAndDecrement() > 0) {
                        throw new IllegalStateException("injected failure after the state change");
                    }
                }
            });
        }

        long total(String tally) {
            return jdbc.sql("select coalesce(sum(total), 0) from tally_mirror where name = :name").param("name", tally)
                    .query(Long.class).single();
        }

        int applications(String tally) {
            return jdbc.sql("select coalesce(sum(applications), 0) from tally_mirror where name = :name")
                    .param("name", tally).query(Integer.class).single();
        }
    }
}
