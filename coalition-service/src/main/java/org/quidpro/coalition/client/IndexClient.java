package org.quidpro.coalition.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.quidpro.coalition.config.CoalitionProperties;
import org.quidpro.coalition.formation.Candidate;
import org.quidpro.platform.identity.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** index-service's holder list for a file, as the requester would see it (so it is never its own source). */
@Component
public class IndexClient implements AutoCloseable {

    /** The index pages holders; one page of its largest size is the candidate pool. */
    public static final int MAX_CANDIDATES = 1000;

    record File(long sizeBytes) {}

    record Holder(String peerId, long uploadBytesPerSecond, double relativeScore) {}

    record Page(File file, List<Holder> holders) {}

    private final RestClient http;
    private final Upstream upstream;

    public IndexClient(RestClient.Builder builder, CoalitionProperties properties, MeterRegistry meters) {
        this.http = builder.clone().baseUrl(properties.indexUrl().toString()).build();
        this.upstream = new Upstream("index-service", properties.upstream(), meters);
    }

    public Optional<Holders> holders(String community, String contentHash, String requester, List<String> exclude) {
        return upstream.readUnlessNotFound(() -> http.get().uri(u -> u.path("/v1/communities/{c}/files/{h}/holders")
                        .queryParam("limit", MAX_CANDIDATES).queryParam("exclude", exclude.toArray())
                        .build(community, contentHash))
                .header(Caller.ROLE_HEADER, "peer").header(Caller.PEER_HEADER, requester)
                .retrieve().body(Page.class))
                .map(page -> new Holders(page.file().sizeBytes(), page.holders().stream()
                        .map(h -> new Candidate(h.peerId(), h.uploadBytesPerSecond(), h.relativeScore())).toList()));
    }

    @Override
    public void close() {
        upstream.close();
    }
}
