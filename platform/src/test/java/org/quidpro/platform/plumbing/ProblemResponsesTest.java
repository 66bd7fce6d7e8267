package org.quidpro.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quidpro.platform.plumbing.PlumbingTestApplication.Tallies;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input gets 400 problem+json naming the field and the reason, and stores nothing. */
@ServiceIntegrationTest
class ProblemResponsesTest {

    @LocalServerPort int port;
    @Autowired Tallies tallies;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"amount\": \"many\"}  | amount",
        "{\"amount\": -2}        | amount",
        "{}                      | amount",
        "{\"amount\": 1         | body",
        "''                      | body"})
    void badInputIsAProblemNamingTheFieldAndStoresNothing(String body, String field) throws Exception {
        String tally = PlumbingTests.tally();

        HttpResponse<String> response = post("/tallies/" + tally, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:quidpro:problem:bad-input\"")
                .contains("\"field\":\"" + field + "\"");
        assertThat(tallies.total(tally)).isZero();
    }

    @Test
    void goodInputIsAccepted() throws Exception {
        String tally = PlumbingTests.tally();

        HttpResponse<String> response = post("/tallies/" + tally, "{\"amount\": 3}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tallies.total(tally)).isEqualTo(3);
    }

    @Test
    void bodiesOverTheLimitAreRefusedDeclaredOrChunked() throws Exception {
        String tally = PlumbingTests.tally();
        String huge = "{\"amount\": 1, \"padding\": \"" + "x".repeat(1_100_000) + "\"}";

        HttpResponse<String> declared = post("/tallies/" + tally, huge);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tallies/" + tally))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> smallChunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tallies/" + tally))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        "{\"amount\": 2}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(chunked.body()).contains("larger than");
        assertThat(smallChunked.statusCode()).as("a small chunked body is fine").isEqualTo(200);
        assertThat(tallies.total(tally)).isEqualTo(2);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/no/such/thing")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
