package org.quidpro.accounting.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.AccountingServiceApplication;
import org.quidpro.accounting.TestPeer;
import org.quidpro.testkit.infra.PostgresEndpoint;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service is stopped after a receipt committed and before its event left: the next instance
 * publishes it, exactly once. Instances run on a schema of their own so no other test context can
 * publish for them.
 */
class PublishAcrossRestartIntegrationTest {

    static ConfigurableApplicationContext instance(boolean relayEnabled) {
        PostgresEndpoint postgres = RealInfrastructure.postgres();
        return new SpringApplicationBuilder(AccountingServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafka().bootstrapServers(),
                "--quidpro.service.schema=accounting_restart",
                "--quidpro.events.outbox.relay-enabled=" + relayEnabled);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Test
    void aReceiptAcceptedBeforeAStopIsPublishedOnceByTheNextInstance() {
        Receipt receipt;
        try (var stopping = instance(false)) {
            var api = new AccountingApi(port(stopping));
            String community = api.exampleCommunity("file-sharing");
            TestPeer provider = api.member(community);
            TestPeer consumer = api.member(community);
            Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            receipt = new Receipt(community, provider.id(), consumer.id(), 4096, null, end.minusSeconds(2), end, true,
                    null, "restart-restart-restart");
            assertThat(api.submitSigned(receipt, provider, consumer).status()).isEqualTo(201);
            assertThat(ReceiptIntakeIntegrationTest.contributionsAfterQuiet(receipt.id()))
                    .as("accepted, not yet published when the service stops").isEmpty();
        }

        try (var next = instance(true)) {
            assertThat(ReceiptIntakeIntegrationTest.contributions(receipt.id(), 1)).hasSize(1);
        }
        assertThat(ReceiptIntakeIntegrationTest.contributionsAfterQuiet(receipt.id())).as("exactly once").hasSize(1);
    }
}
