package org.quidpro.rating.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownsamplingTest {

    @Test
    void readsTheAnalystsShortFormsAndIso8601() {
        assertThat(Downsampling.parse("30s").width()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Downsampling.parse("15m").width()).isEqualTo(Duration.ofMinutes(15));
        assertThat(Downsampling.parse("1h").width()).isEqualTo(Duration.ofHours(1));
        assertThat(Downsampling.parse("2d").width()).isEqualTo(Duration.ofDays(2));
        assertThat(Downsampling.parse("1w").width()).isEqualTo(Duration.ofDays(7));
        assertThat(Downsampling.parse("PT6H").width()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void refusesNonsenseTooFineTooCoarseAndTooManyBuckets() {
        assertThatThrownBy(() -> Downsampling.parse("hourly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1h");
        assertThatThrownBy(() -> Downsampling.parse("PT0.5S")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Downsampling.parse("400d")).isInstanceOf(IllegalArgumentException.class);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> Downsampling.parse("1s").check(from, from.plus(Duration.ofDays(30))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buckets");
        Downsampling.parse("1h").check(from, from.plus(Duration.ofDays(30)));
    }

    @Test
    void bucketsAlignToWholeMultiplesOfTheWidth() {
        Downsampling hourly = Downsampling.parse("1h");
        assertThat(hourly.bucketOf(Instant.parse("2026-11-23T10:59:59.999Z"))).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(Downsampling.parse("15m").bucketOf(Instant.parse("2026-11-23T10:44:00Z"))).isEqualTo("2026-11-23T10:30:00Z");
    }
}
