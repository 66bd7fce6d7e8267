package org.quidpro.rating.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param recomputePoll how often to look for communities due for a recompute (each sets its own schedule and
 *     contribution count; this is the finest either can be honoured at)
 * @param publishThreshold a RatingChanged is published when a relative score moves by more than this
 * @param historyRetention rating history older than this is dropped, a day's partition at a time
 * @param readFreshness allocation decisions and provider picks read community settings and current ratings
 *     from memory, at most this old (a recompute or a settings change on this replica shows at once)
 * @param readCachePeers how many peers' current ratings are kept in memory for those reads
 */
@ConfigurationProperties("quidpro.rating")
public record RatingProperties(Duration recomputePoll, double publishThreshold, Duration historyRetention,
        Duration readFreshness, long readCachePeers) {}
