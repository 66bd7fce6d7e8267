package org.quidpro.accounting.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.AccountingApi.As;
import org.quidpro.accounting.AccountingApi.Response;
import org.quidpro.accounting.TestPeer;
import org.quidpro.contracts.Topics;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

/** Receipts through the REST API, against the real PostgreSQL and Kafka. */
@ServiceIntegrationTest
class ReceiptIntakeIntegrationTest {

    @Value("${local.server.port}") int port;
    @Autowired JdbcClient jdbc;
    AccountingApi api;
    String community;
    TestPeer provider;
    TestPeer consumer;

    @BeforeEach
    void community() {
        api = new AccountingApi(port);
        community = api.exampleCommunity("file-sharing"); // 0.000001 credits per byte, 1000 granted, 100 overdraft
        provider = api.member(community);
        consumer = api.member(community);
    }

    Receipt receipt(long amount) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Receipt(community, provider.id(), consumer.id(), amount, null, end.minusSeconds(30), end, true, 4,
                UUID.randomUUID().toString().replace("-", ""));
    }

    /** The receipt's events on the topic, once {@code expected} are there (at most 20 s). */
    static List<ConsumerRecord<String, String>> contributions(String receiptId, int expected) {
        return contributions(receiptId, expected, Duration.ofSeconds(20));
    }

    /** The receipt's events on the topic, after a quiet spell: to show that no (further) one comes. */
    static List<ConsumerRecord<String, String>> contributionsAfterQuiet(String receiptId) {
        return contributions(receiptId, Integer.MAX_VALUE, Duration.ofSeconds(3));
    }

    static List<ConsumerRecord<String, String>> contributions(String receiptId, int expected, Duration timeout) {
        return new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.CONTRIBUTIONS.name(),
                records -> records.stream().filter(r -> r.value().contains(receiptId)).count() >= expected, timeout)
                .stream().filter(r -> r.value().contains(receiptId)).toList();
    }

    long storedReceipts() {
        return jdbc.sql("select count(*) from receipt where community_id = :c").param("c", community)
                .query(Long.class).single();
    }

    @Test
    void aReceiptSignedByBothIsRecordedPaidCountedAndPublishedOnce() {
        Receipt receipt = receipt(2_000_000);

        Response response = api.submitSigned(receipt, provider, consumer);

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.text("receiptId")).isEqualTo(receipt.id());
        assertThat(response.text("credits")).isEqualTo("2");
        var providerAccount = api.account(community, provider.id());
        var consumerAccount = api.account(community, consumer.id());
        assertThat(providerAccount.path("provided").asLong()).isEqualTo(2_000_000);
        assertThat(providerAccount.path("balance").asString()).isEqualTo("1002");
        assertThat(consumerAccount.path("consumed").asLong()).isEqualTo(2_000_000);
        assertThat(consumerAccount.path("balance").asString()).isEqualTo("998");
        Response pair = api.get("/v1/communities/" + community + "/pairs/" + provider.id() + "/" + consumer.id(),
                As.peer(consumer.id()));
        assertThat(pair.json().path("amount").asLong()).isEqualTo(2_000_000);
        assertThat(pair.json().path("receipts").asLong()).isEqualTo(1);

        List<ConsumerRecord<String, String>> events = contributions(receipt.id(), 1);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.key()).isEqualTo(community + "/" + provider.id());
            assertThat(event.value()).contains("\"type\":\"ContributionRecorded\"", "\"amount\":2000000",
                    "\"satisfied\":true", "\"score\":4", "\"credits\":\"2\"", "\"unit\":\"BYTES\"");
        });
    }

    @Test
    void aReplayedReceiptReturnsTheOriginalResultAndCountsNothingTwice() {
        Receipt receipt = receipt(1_000);
        byte[] canonical = receipt.canonicalBytes();
        Response first = api.submitSigned(receipt, provider, consumer);

        Response again = api.submitSigned(receipt, provider, consumer);
        Response byTheConsumer = api.submit(receipt, provider.sign(canonical), consumer.sign(canonical),
                As.peer(consumer.id()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(byTheConsumer.status()).isEqualTo(200);
        assertThat(byTheConsumer.raw()).isEqualTo(first.raw());
        assertThat(api.account(community, provider.id()).path("receiptsProvided").asLong()).isEqualTo(1);
        assertThat(api.account(community, consumer.id()).path("balance").asString()).isEqualTo("999.999");
        assertThat(contributions(receipt.id(), 1)).hasSize(1);
        assertThat(contributionsAfterQuiet(receipt.id())).hasSize(1);
    }

    @Test
    void forgedOneSidedThirdPartyAndAlteredReceiptsAreRejectedAndStoreNothing() {
        TestPeer third = api.member(community);
        Receipt receipt = receipt(5_000);
        byte[] canonical = receipt.canonicalBytes();
        byte[] forged = provider.sign(canonical);
        forged[0] ^= 1;
        Receipt inflated = new Receipt(community, provider.id(), consumer.id(), 500_000_000, null, receipt.startedAt(),
                receipt.endedAt(), true, 4, receipt.nonce());

        Map<String, Response> attempts = Map.of(
                "providerSignature", api.submit(receipt, forged, consumer.sign(canonical), As.peer(provider.id())),
                "consumerSignature", api.submit(receipt, provider.sign(canonical), provider.sign(canonical),
                        As.peer(provider.id())),
                "consumerSignature ", api.submit(receipt, provider.sign(canonical), third.sign(canonical),
                        As.peer(provider.id())),
                "providerSignature ", api.submit(inflated, provider.sign(canonical), consumer.sign(canonical),
                        As.peer(provider.id())));

        attempts.forEach((field, response) -> {
            assertThat(response.status()).as(field + ": " + response.raw()).isEqualTo(422);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.raw()).contains("\"field\":\"" + field.strip() + "\"");
        });
        assertThat(storedReceipts()).isZero();
        assertThat(api.account(community, provider.id()).path("provided").asLong()).isZero();
        assertThat(contributionsAfterQuiet(receipt.id())).isEmpty();
    }

    @Test
    void aReceiptWithANonMemberIsRejected() {
        TestPeer outsider = TestPeer.generate();
        api.register(outsider, 1000, 1000);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Receipt receipt = new Receipt(community, provider.id(), outsider.id(), 10, null, end.minusSeconds(1), end, true,
                null, "AAAAAAAAAAAAAAAAAAAAAA");

        Response response = api.submitSigned(receipt, provider, outsider);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.raw()).contains("\"field\":\"receipt.consumer\"", "not a member of the community");
        assertThat(storedReceipts()).isZero();
    }

    @Test
    void onlyAPartyOrAnOperatorMayReportAReceipt() {
        Receipt receipt = receipt(10);
        byte[] canonical = receipt.canonicalBytes();
        TestPeer stranger = TestPeer.generate();

        assertThat(api.submit(receipt, provider.sign(canonical), consumer.sign(canonical), As.NOBODY).status())
                .isEqualTo(401);
        assertThat(api.submit(receipt, provider.sign(canonical), consumer.sign(canonical), As.peer(stranger.id()))
                .status()).isEqualTo(403);
        assertThat(api.submit(receipt, provider.sign(canonical), consumer.sign(canonical), As.ANALYST).status())
                .isEqualTo(403);
        assertThat(storedReceipts()).isZero();
        assertThat(api.submit(receipt, provider.sign(canonical), consumer.sign(canonical), As.OPERATOR).status())
                .isEqualTo(201);
    }

    @Test
    void aPaymentBeyondTheOverdraftLimitIsRefusedWithItsReason() {
        // 1000 granted + 100 overdraft: 1100 credits buy at most 1.1e9 bytes.
        Response tooMuch = api.submitSigned(receipt(1_200_000_000L), provider, consumer);

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.raw()).contains("\"field\":\"receipt.consumer\"", "overdraft limit");
        assertThat(storedReceipts()).isZero();
        assertThat(api.account(community, consumer.id()).path("balance").asString()).isEqualTo("1000");
        assertThat(api.submitSigned(receipt(1_100_000_000L), provider, consumer).status()).as("down to -100").isEqualTo(201);
        assertThat(api.account(community, consumer.id()).path("balance").asString()).isEqualTo("-100");
    }

    @Test
    void badInputIsA4xxProblemNamingTheFieldAndStoresNothing() {
        Receipt receipt = receipt(10);
        Map<String, Object> body = AccountingApi.body(receipt);
        As as = As.peer(provider.id());
        String signature = org.quidpro.accounting.peer.Base64Field.encode(provider.sign(receipt.canonicalBytes()));

        record Case(String name, Object body, int status, String mentions) {}
        List<Case> cases = List.of(
                new Case("malformed JSON", "{\"receipt\": {", 400, "\"field\":\"body\""),
                new Case("wrong type", "{\"receipt\":" + AccountingApi.JSON.writeValueAsString(body).replace(
                        "\"amount\":10", "\"amount\":\"ten\"") + ",\"providerSignature\":\"x\",\"consumerSignature\":\"y\"}",
                        400, "receipt.amount"),
                new Case("missing field", Map.of("receipt", body, "providerSignature", signature), 400, "consumerSignature"),
                new Case("missing receipt field", Map.of("receipt", Map.of("community", community), "providerSignature",
                        signature, "consumerSignature", signature), 400, "receipt.provider"),
                new Case("bad base64", Map.of("receipt", body, "providerSignature", "***", "consumerSignature", signature),
                        422, "providerSignature"),
                new Case("short signature", Map.of("receipt", body, "providerSignature", "AAAA", "consumerSignature",
                        signature), 422, "must decode to 64 bytes"),
                new Case("negative amount", Map.of("receipt", withAmount(body, -5), "providerSignature", signature,
                        "consumerSignature", signature), 422, "receipt.amount"),
                new Case("unknown community", Map.of("receipt", with(body, "community", "no-such-community"),
                        "providerSignature", signature, "consumerSignature", signature), 422, "receipt.community"),
                new Case("unknown peer", Map.of("receipt", with(body, "consumer", "0".repeat(40)), "providerSignature",
                        signature, "consumerSignature", signature), 422, "no registered peer"),
                new Case("huge body", "{\"receipt\":\"" + "x".repeat(1_100_000) + "\"}", 413, "limited to"));

        for (Case c : cases) {
            Response response = api.send("POST", "/v1/receipts", c.body(), as);
            assertThat(response.status()).as(c.name() + ": " + response.raw()).isEqualTo(c.status());
            assertThat(response.contentType()).as(c.name()).isEqualTo("application/problem+json");
            assertThat(response.raw()).as(c.name()).contains(c.mentions());
        }
        assertThat(storedReceipts()).isZero();
    }

    @Test
    void aBatchRecordsEachReceiptOnItsOwnWithItsOwnResult() {
        Receipt good = receipt(1_000);
        Receipt other = receipt(2_000);
        byte[] canonical = good.canonicalBytes();
        byte[] forged = provider.sign(other.canonicalBytes());
        forged[5] ^= 1;
        TestPeer stranger = api.member(community);
        Receipt notMine = new Receipt(community, stranger.id(), consumer.id(), 7, null, good.startedAt(), good.endedAt(),
                true, null, "not-mine-not-mine-not-mine");
        var items = List.of(
                Map.of("receipt", AccountingApi.body(good), "providerSignature", sig(provider.sign(canonical)),
                        "consumerSignature", sig(consumer.sign(canonical))),
                Map.of("receipt", AccountingApi.body(good), "providerSignature", sig(provider.sign(canonical)),
                        "consumerSignature", sig(consumer.sign(canonical))),
                Map.of("receipt", AccountingApi.body(other), "providerSignature", sig(forged),
                        "consumerSignature", sig(consumer.sign(other.canonicalBytes()))),
                Map.of("receipt", AccountingApi.body(notMine), "providerSignature", sig(stranger.sign(notMine.canonicalBytes())),
                        "consumerSignature", sig(consumer.sign(notMine.canonicalBytes()))));

        Response response = api.send("POST", "/v1/receipts/batch", Map.of("receipts", items), As.peer(provider.id()));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        var json = response.json();
        assertThat(json.path("items")).extracting(item -> item.path("status").asInt()).containsExactly(201, 200, 422, 403);
        assertThat(json.path("recorded").asInt()).isEqualTo(1);
        assertThat(json.path("replayed").asInt()).isEqualTo(1);
        assertThat(json.path("refused").asInt()).isEqualTo(2);
        assertThat(json.path("items").get(2).path("errors").get(0).path("field").asString()).isEqualTo("providerSignature");
        assertThat(storedReceipts()).isEqualTo(1);
        assertThat(api.account(community, provider.id()).path("provided").asLong()).isEqualTo(1_000);
        assertThat(api.send("POST", "/v1/receipts/batch", Map.of("receipts", List.of()), As.peer(provider.id())).status())
                .isEqualTo(400);
    }

    @Test
    void paymentsInABatchAreDecidedInItsOrder() {
        // 1000 granted + 100 overdraft = 1100 credits; 0.000001 credits per byte.
        Receipt first = receipt(700_000_000L);
        Receipt second = receipt(500_000_000L);
        Receipt third = receipt(300_000_000L);
        var items = java.util.stream.Stream.of(first, second, third).map(r -> Map.of("receipt", AccountingApi.body(r),
                "providerSignature", sig(provider.sign(r.canonicalBytes())),
                "consumerSignature", sig(consumer.sign(r.canonicalBytes())))).toList();

        Response response = api.send("POST", "/v1/receipts/batch", Map.of("receipts", items), As.peer(consumer.id()));

        assertThat(response.json().path("items")).extracting(item -> item.path("status").asInt()).containsExactly(201, 422, 201);
        assertThat(response.json().path("items").get(1).toString()).contains("overdraft limit");
        assertThat(api.account(community, consumer.id()).path("balance").asString()).isEqualTo("0");
        assertThat(contributions(third.id(), 1)).hasSize(1);
        assertThat(contributionsAfterQuiet(second.id())).isEmpty();
    }

    static String sig(byte[] signature) {
        return org.quidpro.accounting.peer.Base64Field.encode(signature);
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new java.util.LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> withAmount(Map<String, Object> body, long amount) {
        return with(body, "amount", amount);
    }

    @Test
    void theStatementPagesThroughAPeersReceiptsInTimeOrder() {
        for (int i = 0; i < 5; i++) {
            Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(50 - i);
            boolean forward = i % 2 == 0;
            Receipt r = new Receipt(community, forward ? provider.id() : consumer.id(), forward ? consumer.id() : provider.id(),
                    100 + i, null, end.minusSeconds(1), end, true, null, "nonce-nonce-nonce-" + i);
            assertThat((forward ? api.submitSigned(r, provider, consumer) : api.submitSigned(r, consumer, provider))
                    .status()).isEqualTo(201);
        }
        String path = "/v1/communities/" + community + "/accounts/" + provider.id() + "/statement?limit=2";

        Response page1 = api.get(path, As.peer(provider.id()));
        Response page2 = api.get(path + "&after=" + page1.text("next"), As.peer(provider.id()));
        Response page3 = api.get(path + "&after=" + page2.text("next"), As.peer(provider.id()));

        assertThat(page1.json().path("lines")).extracting(l -> l.path("amount").asLong()).containsExactly(100L, 101L);
        assertThat(page1.json().path("lines").get(0).path("role").asString()).isEqualTo("PROVIDED");
        assertThat(page1.json().path("lines").get(0).path("credits").asString()).isEqualTo("0.0001");
        assertThat(page1.json().path("lines").get(1).path("credits").asString()).isEqualTo("-0.000101");
        assertThat(page2.json().path("lines")).extracting(l -> l.path("amount").asLong()).containsExactly(102L, 103L);
        assertThat(page3.json().path("lines")).extracting(l -> l.path("amount").asLong()).containsExactly(104L);
        assertThat(page3.json().path("next").isNull()).isTrue();
        assertThat(api.get(path, As.peer(TestPeer.generate().id())).status()).isEqualTo(403);
        assertThat(api.get(path, As.NOBODY).status()).isEqualTo(401);
        assertThat(api.get(path + "&after=!!", As.ANALYST).status()).isEqualTo(422);
    }

    @Test
    void creditsAreConservedTheBalancesAddUpToTheGrants() {
        api.submitSigned(receipt(3_000_000), provider, consumer);
        api.submitSigned(receipt(1_500_000), provider, consumer);

        BigDecimal balances = jdbc.sql("select sum(balance) from account where community_id = :c").param("c", community)
                .query(BigDecimal.class).single();
        BigDecimal grants = jdbc.sql("select sum(delta) from ledger_entry where community_id = :c and kind = 'GRANT'")
                .param("c", community).query(BigDecimal.class).single();
        BigDecimal entries = jdbc.sql("select sum(delta) from ledger_entry where community_id = :c").param("c", community)
                .query(BigDecimal.class).single();

        assertThat(balances).isEqualByComparingTo(grants).isEqualByComparingTo(entries).isEqualByComparingTo("2000");
    }
}
