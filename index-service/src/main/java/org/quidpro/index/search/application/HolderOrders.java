package org.quidpro.index.search.application;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.quidpro.index.config.IndexProperties;
import org.quidpro.index.file.persistence.Communities;
import org.quidpro.index.search.HolderOrder;
import org.springframework.stereotype.Service;

/**
 * Which order ranks a community's holders: its own configuration (allocation.holderOrder, via
 * CommunityConfigured) first, then the service's per-community setting, then the default. Cached for
 * {@code order-cache-ttl}: a lookup is the index's hot path and an order changes rarely; every replica
 * sees a change within the TTL, whichever consumed the event.
 */
@Service
public class HolderOrders {

    private record Cached(HolderOrder order, Instant until) {}

    private final Communities communities;
    private final IndexProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public HolderOrders(Communities communities, IndexProperties properties, Clock clock) {
        this.communities = communities;
        this.properties = properties;
        this.clock = clock;
    }

    public HolderOrder of(String community) {
        Instant now = clock.instant();
        Cached cached = cache.get(community);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.order();
        }
        HolderOrder order = communities.holderOrder(community).map(HolderOrder::parse)
                .orElseGet(() -> properties.orderOf(community));
        if (cache.size() > 10_000) {
            cache.clear(); // communities are few; this only bounds memory against a flood of unknown ids
        }
        cache.put(community, new Cached(order, now.plus(properties.orderCacheTtl())));
        return order;
    }
}
