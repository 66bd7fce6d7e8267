package org.quidpro.rating.score.persistence;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.quidpro.platform.transaction.AfterCommit;
import org.quidpro.rating.config.RatingProperties;
import org.quidpro.rating.score.persistence.RatingStore.Rating;
import org.springframework.stereotype.Component;

/**
 * The current ratings as allocation decisions and provider picks read them: from memory, each at most
 * {@code quidpro.rating.read-freshness} old, the missing ones fetched in one query. A peer asks whom to serve
 * every few seconds and ratings change only when a recompute stores them, so a query per decision would
 * mostly re-read the same rows. A recompute on this replica drops its community's entries once it commits;
 * another replica's shows here within the freshness bound.
 */
@Component
public class CurrentRatings {

    /** A peer's rating in one community; absent when the peer has none yet. */
    record Key(String community, String peerId) {}

    private final LoadingCache<Key, Optional<Rating>> cache;

    public CurrentRatings(RatingStore store, RatingProperties properties) {
        this.cache = Caffeine.newBuilder().maximumSize(properties.readCachePeers())
                .expireAfterWrite(properties.readFreshness()).build(new CacheLoader<>() {
                    @Override
                    public Optional<Rating> load(Key key) {
                        return store.find(key.community(), key.peerId());
                    }

                    @Override
                    public Map<Key, Optional<Rating>> loadAll(Set<? extends Key> keys) {
                        Map<Key, Optional<Rating>> loaded = new HashMap<>();
                        keys.stream().collect(Collectors.groupingBy(Key::community)).forEach((community, peers) -> {
                            Map<String, Rating> found = store.of(community, peers.stream().map(Key::peerId).toList());
                            peers.forEach(k -> loaded.put(k, Optional.ofNullable(found.get(k.peerId()))));
                        });
                        return loaded;
                    }
                });
    }

    /** The current ratings of these peers that have one, by peer. */
    public Map<String, Rating> of(String community, List<String> peers) {
        Map<Key, Optional<Rating>> known = cache.getAll(peers.stream().map(p -> new Key(community, p)).toList());
        Map<String, Rating> rated = new HashMap<>();
        known.forEach((key, rating) -> rating.ifPresent(r -> rated.put(key.peerId(), r)));
        return rated;
    }

    /** The community's ratings were just stored: forget them once the transaction commits. */
    public void changed(String community) {
        AfterCommit.run(() -> cache.asMap().keySet().removeIf(key -> key.community().equals(community)));
    }
}
