package org.quidpro.coalition.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.quidpro.coalition.config.CoalitionProperties;
import org.quidpro.platform.identity.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** rating-service's responsiveness bonus Rb of a peer (the auditing authority of the paper). */
@Component
public class RatingClient implements AutoCloseable {

    record Responsiveness(double bonus) {}

    private final RestClient http;
    private final Upstream upstream;

    public RatingClient(RestClient.Builder builder, CoalitionProperties properties, MeterRegistry meters) {
        this.http = builder.clone().baseUrl(properties.ratingUrl().toString()).build();
        this.upstream = new Upstream("rating-service", properties.upstream(), meters);
    }

    /** Rb of {@code peer}; empty when rating-service does not know the community. */
    public Optional<Double> bonus(String community, String peer) {
        return upstream.readUnlessNotFound(() -> http.get()
                .uri("/v1/communities/{c}/peers/{p}/responsiveness", community, peer)
                .header(Caller.ROLE_HEADER, "peer").header(Caller.PEER_HEADER, peer)
                .retrieve().body(Responsiveness.class)).map(Responsiveness::bonus);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
