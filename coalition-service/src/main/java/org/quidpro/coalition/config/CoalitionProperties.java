package org.quidpro.coalition.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param indexUrl where index-service answers (holders of a file)
 * @param ratingUrl where rating-service answers (a peer's responsiveness bonus)
 * @param maxMembers members per coalition, p_0 included, where the community does not say
 * @param settleWithin how long a coalition may wait for its receipts, where the community does not say
 * @param expiryPoll how often overdue coalitions are settled as expired
 * @param maxHypotheticalPlayers the most players the analysts' what-if game accepts
 */
@ConfigurationProperties("quidpro.coalition")
public record CoalitionProperties(URI indexUrl, URI ratingUrl, int maxMembers, Duration settleWithin,
        Duration expiryPoll, int maxHypotheticalPlayers, Upstream upstream) {

    /**
     * @param timeout per attempt
     * @param attempts attempts per read, the first included
     * @param failureRateThreshold percent of failed calls that opens the circuit
     * @param openFor how long an open circuit refuses calls before it lets a few through
     */
    public record Upstream(Duration timeout, int attempts, float failureRateThreshold, Duration openFor) {}
}
