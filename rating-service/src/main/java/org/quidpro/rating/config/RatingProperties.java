package org.quidpro.rating.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param recomputeInterval how often communities with new contributions are recomputed
 * @param publishThreshold a RatingChanged is published when a relative score moves by more than this
 */
@ConfigurationProperties("quidpro.rating")
public record RatingProperties(Duration recomputeInterval, double publishThreshold) {}
