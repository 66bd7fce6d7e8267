package org.quidpro.rating.history.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.quidpro.rating.config.RatingProperties;
import org.quidpro.rating.history.persistence.RatingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the rating history's partitions: tomorrow's exists before midnight, and days older than the
 * retention are dropped whole (no row-by-row delete, no vacuum debt).
 */
@Service
public class HistoryRetention {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

    private final RatingHistory history;
    private final RatingProperties properties;
    private final Clock clock;

    public HistoryRetention(RatingHistory history, RatingProperties properties, Clock clock) {
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "PT1H")
    public void maintain() {
        try {
            Instant now = clock.instant();
            history.ensurePartitions(now, 2);
            List<LocalDate> dropped = history.dropBefore(now.minus(properties.historyRetention()));
            if (!dropped.isEmpty()) {
                log.info("Dropped rating history of {} day(s) older than {}: {}", dropped.size(),
                        properties.historyRetention(), dropped);
            }
        } catch (RuntimeException e) {
            log.warn("Rating history maintenance failed; retried within the hour: {}", e.getMessage());
        }
    }
}
