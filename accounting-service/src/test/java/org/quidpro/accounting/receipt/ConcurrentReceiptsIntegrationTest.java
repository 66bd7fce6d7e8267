package org.quidpro.accounting.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.AccountingApi.Response;
import org.quidpro.accounting.TestPeer;
import org.quidpro.contracts.Topics;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 32 threads report random receipts between the same two peers, in both directions (the order that
 * would deadlock with naive locking), each receipt also replayed once by the other party. Totals,
 * balances and events come out exact, and credits are conserved.
 */
@ServiceIntegrationTest
class ConcurrentReceiptsIntegrationTest {

    static final int THREADS = 32;
    static final int RECEIPTS_PER_THREAD = 12;

    @Value("${local.server.port}") int port;
    @Autowired JdbcClient jdbc;

    @Test
    void concurrentReceiptsAddUpExactlyAndConserveCredits() throws Exception {
        var api = new AccountingApi(port);
        String community = api.exampleCommunity("file-sharing");
        TestPeer a = api.member(community);
        TestPeer b = api.member(community);
        AtomicLong aToB = new AtomicLong();
        AtomicLong bToA = new AtomicLong();
        List<Future<List<String>>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                long seed = 42 + t;
                work.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < RECEIPTS_PER_THREAD; i++) {
                        boolean forward = random.nextBoolean();
                        TestPeer provider = forward ? a : b;
                        TestPeer consumer = forward ? b : a;
                        long amount = 1 + random.nextInt(5_000_000);
                        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                        var receipt = new Receipt(community, provider.id(), consumer.id(), amount, null,
                                end.minusSeconds(5), end, random.nextInt(10) > 0, null, "seed" + seed + "-receipt-" + i);
                        byte[] canonical = receipt.canonicalBytes();
                        Response first = api.submitSigned(receipt, provider, consumer);
                        Response replay = api.submit(receipt, provider.sign(canonical), consumer.sign(canonical),
                                AccountingApi.As.peer(consumer.id()));
                        assertThat(first.status()).as(first.raw()).isEqualTo(201);
                        assertThat(replay.status()).isEqualTo(200);
                        (forward ? aToB : bToA).addAndGet(amount);
                        ids.add(receipt.id());
                    }
                    return ids;
                }));
            }
        }
        List<String> receiptIds = new ArrayList<>();
        for (Future<List<String>> future : work) {
            receiptIds.addAll(future.get());
        }
        int total = THREADS * RECEIPTS_PER_THREAD;

        var accountA = api.account(community, a.id());
        var accountB = api.account(community, b.id());
        assertThat(accountA.path("provided").asLong()).isEqualTo(aToB.get());
        assertThat(accountA.path("consumed").asLong()).isEqualTo(bToA.get());
        assertThat(accountB.path("provided").asLong()).isEqualTo(bToA.get());
        assertThat(accountA.path("receiptsProvided").asLong() + accountB.path("receiptsProvided").asLong())
                .isEqualTo(total);
        // 0.000001 credits per byte: A's balance moved by what it earned minus what it paid.
        BigDecimal expectedA = new BigDecimal("1000").add(BigDecimal.valueOf(aToB.get() - bToA.get(), 6));
        assertThat(new BigDecimal(accountA.path("balance").asString())).isEqualByComparingTo(expectedA);
        assertThat(new BigDecimal(accountA.path("balance").asString())
                .add(new BigDecimal(accountB.path("balance").asString()))).as("conservation").isEqualByComparingTo("2000");
        assertThat(jdbc.sql("select sum(delta) from ledger_entry where community_id = :c and kind = 'PAYMENT'")
                .param("c", community).query(BigDecimal.class).single()).isEqualByComparingTo("0");
        assertThat(jdbc.sql("select sum(amount) from pair_total where community_id = :c").param("c", community)
                .query(Long.class).single()).isEqualTo(aToB.get() + bToA.get());

        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.CONTRIBUTIONS.name(),
                records -> records.stream().filter(r -> r.value().contains("\"community\":\"" + community + "\"")).count()
                        >= total, Duration.ofSeconds(60))
                .stream().filter(r -> r.value().contains("\"community\":\"" + community + "\"")).toList();
        assertThat(events).hasSize(total);
        assertThat(events).extracting(r -> r.value().replaceAll(".*\"receiptId\":\"([0-9a-f]{64})\".*", "$1"))
                .containsExactlyInAnyOrderElementsOf(receiptIds);
    }
}
