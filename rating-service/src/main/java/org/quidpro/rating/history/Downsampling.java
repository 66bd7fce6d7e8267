package org.quidpro.rating.history;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A series' bucket width, as analysts write it ({@code 30s}, {@code 15m}, {@code 1h}, {@code 1d},
 * {@code 1w}, or ISO-8601 such as {@code PT1H}). Buckets are aligned to whole multiples of the width since
 * 2000-01-01T00:00Z, so the same interval always cuts time at the same places.
 */
public record Downsampling(Duration width) {

    public static final Duration FINEST = Duration.ofSeconds(1);
    public static final Duration COARSEST = Duration.ofDays(366);
    /** A series may have at most this many buckets: more is a request for raw data, which CSV serves. */
    public static final long MAX_BUCKETS = 100_000;
    public static final Instant ORIGIN = Instant.parse("2000-01-01T00:00:00Z");

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhdw])");

    public Downsampling {
        if (width.compareTo(FINEST) < 0 || width.compareTo(COARSEST) > 0) {
            throw new IllegalArgumentException("an interval is between 1s and 366d");
        }
    }

    public static Downsampling parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return new Downsampling(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        try {
            return new Downsampling(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an interval such as 30s, 15m, 1h, 1d, 1w or PT1H, not '" + text + "'");
        }
    }

    /** Refuses a range that would cut into more than {@link #MAX_BUCKETS} buckets. */
    public void check(Instant from, Instant to) {
        long buckets = Duration.between(from, to).dividedBy(width) + 1;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("%d buckets of %s between %s and %s: at most %d; use a wider interval"
                    .formatted(buckets, width, from, to, MAX_BUCKETS));
        }
    }

    /** The start of the bucket holding {@code at}. */
    public Instant bucketOf(Instant at) {
        long widthNanos = width.toNanos();
        long sinceOrigin = Duration.between(ORIGIN, at).toNanos();
        return ORIGIN.plusNanos(Math.floorDiv(sinceOrigin, widthNanos) * widthNanos);
    }
}
