package org.quidpro.index.config;

import java.time.Duration;
import java.util.Map;
import org.quidpro.index.search.HolderOrder;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param announceTtl a holder is dropped this long after its last announce (a tracker's announce interval
 *     with slack: clients refresh well before it)
 * @param maxBatch most files in one announce request
 * @param pruneInterval how often expired holders are removed (searches never show them in between)
 * @param holderOrder the default ranking of a file's holders, e.g. {@code rating,bandwidth,freshness}
 * @param communities per community: {@code holder-order} (a community's own configuration comes first)
 * @param orderCacheTtl how long a community's holder order is cached
 */
@ConfigurationProperties("quidpro.index")
public record IndexProperties(Duration announceTtl, int maxBatch, Duration pruneInterval, String holderOrder,
        Map<String, CommunityIndex> communities, Duration orderCacheTtl) {

    public record CommunityIndex(String holderOrder) {}

    public IndexProperties {
        communities = communities == null ? Map.of() : Map.copyOf(communities);
        orderCacheTtl = orderCacheTtl == null ? Duration.ofSeconds(10) : orderCacheTtl;
        HolderOrder.parse(holderOrder);
        communities.values().forEach(c -> HolderOrder.parse(c.holderOrder()));
    }

    public HolderOrder orderOf(String community) {
        CommunityIndex own = communities.get(community);
        return HolderOrder.parse(own != null && own.holderOrder() != null ? own.holderOrder() : holderOrder);
    }
}
