package org.quidpro.rating.history.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.quidpro.rating.history.Downsampling;
import org.quidpro.rating.history.ScoreDistribution;
import org.quidpro.rating.history.SeriesPoint;
import org.quidpro.rating.history.Standing;
import org.quidpro.rating.history.persistence.RatingHistory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The rating history, for analysts (and for a peer, its own series): a peer's series with optional
 * downsampling, a community's top k at an instant, and the score distribution at an instant. Each answers
 * JSON, or CSV streamed from a database cursor when asked with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/v1/communities/{community}/rating-history")
class RatingHistoryController {

    static final String CSV = "text/csv";
    static final int MAX_JSON_POINTS = 10_000;

    private final RatingHistory history;
    private final Clock clock;

    RatingHistoryController(RatingHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    record Series(String community, String peerId, Instant from, Instant to, Duration interval, List<SeriesPoint> points,
            boolean truncated) {}

    record Top(String community, Instant at, Instant snapshotAt, List<Standing> peers) {}

    /** The range asked for, checked: to defaults to now, from to a week before to. */
    private record Range(Instant from, Instant to, Optional<Downsampling> downsampling) {}

    private Range range(Instant from, Instant to, String interval) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from (" + start + ") must be before to (" + end + ")");
        }
        Optional<Downsampling> downsampling = Optional.ofNullable(interval).map(Downsampling::parse);
        downsampling.ifPresent(d -> d.check(start, end));
        return new Range(start, end, downsampling);
    }

    @GetMapping(path = "/peers/{peerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Series series(@PathVariable String community, @PathVariable String peerId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) String interval,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_JSON_POINTS) int limit, Caller caller) {
        Access.requireReader(caller, peerId);
        Range range = range(from, to, interval);
        List<SeriesPoint> points = new ArrayList<>();
        history.series(community, peerId, range.from(), range.to(), range.downsampling(), limit + 1L, points::add);
        boolean truncated = points.size() > limit;
        return new Series(community, peerId, range.from(), range.to(),
                range.downsampling().map(Downsampling::width).orElse(null),
                truncated ? points.subList(0, limit) : points, truncated);
    }

    @GetMapping(path = "/peers/{peerId}", produces = CSV)
    ResponseEntity<StreamingResponseBody> seriesCsv(@PathVariable String community, @PathVariable String peerId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String interval, Caller caller) {
        Access.requireReader(caller, peerId);
        Range range = range(from, to, interval);
        return csv("rating-history-" + peerId, out -> {
            try (CsvWriter csv = new CsvWriter(out, "at", "min_score", "max_score", "last_score", "last_relative_score",
                    "last_rank", "samples")) {
                history.series(community, peerId, range.from(), range.to(), range.downsampling(), Long.MAX_VALUE,
                        p -> csv.row(p.at(), p.minScore(), p.maxScore(), p.lastScore(), p.lastRelativeScore(), p.lastRank(),
                                p.samples()));
            }
        });
    }

    private Instant snapshot(String community, Instant at) {
        Instant instant = at == null ? clock.instant() : at;
        return history.snapshotAt(community, instant).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no rating snapshot of community " + community + " at or before " + instant));
    }

    @GetMapping(path = "/top", produces = MediaType.APPLICATION_JSON_VALUE)
    Top top(@PathVariable String community, @RequestParam(required = false) Instant at,
            @RequestParam(defaultValue = "10") @Min(1) @Max(MAX_JSON_POINTS) int limit, Caller caller) {
        Access.requireReader(caller);
        Instant snapshot = snapshot(community, at);
        List<Standing> peers = new ArrayList<>();
        history.top(community, snapshot, limit, peers::add);
        return new Top(community, at == null ? snapshot : at, snapshot, peers);
    }

    @GetMapping(path = "/top", produces = CSV)
    ResponseEntity<StreamingResponseBody> topCsv(@PathVariable String community, @RequestParam(required = false) Instant at,
            @RequestParam(required = false) @Min(1) Long limit, Caller caller) {
        Access.requireReader(caller);
        Instant snapshot = snapshot(community, at);
        return csv("rating-top-" + community, out -> {
            try (CsvWriter csv = new CsvWriter(out, "rank", "peer_id", "scheme", "score", "relative_score", "newcomer",
                    "computed_at")) {
                history.top(community, snapshot, limit == null ? Long.MAX_VALUE : limit, s -> csv.row(s.rank(), s.peerId(),
                        s.scheme(), s.score(), s.relativeScore(), s.newcomer(), s.computedAt()));
            }
        });
    }

    @GetMapping(path = "/distribution", produces = MediaType.APPLICATION_JSON_VALUE)
    ScoreDistribution distribution(@PathVariable String community, @RequestParam(required = false) Instant at,
            @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int buckets, Caller caller) {
        Access.requireReader(caller);
        return history.distribution(community, snapshot(community, at), buckets);
    }

    /** Long format: one statistic per row (count, min, max, mean, percentiles), then one row per bucket. */
    @GetMapping(path = "/distribution", produces = CSV)
    ResponseEntity<StreamingResponseBody> distributionCsv(@PathVariable String community,
            @RequestParam(required = false) Instant at, @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int buckets,
            Caller caller) {
        ScoreDistribution distribution = distribution(community, at, buckets, caller);
        return csv("rating-distribution-" + community, out -> {
            try (CsvWriter csv = new CsvWriter(out, "statistic", "from", "to", "value")) {
                csv.row("peers", null, null, distribution.peers());
                csv.row("min", null, null, distribution.min());
                csv.row("max", null, null, distribution.max());
                csv.row("mean", null, null, distribution.mean());
                distribution.percentiles().forEach((name, value) -> csv.row(name, null, null, value));
                distribution.histogram().forEach(b -> csv.row("bucket", b.from(), b.to(), b.peers()));
            }
        });
    }

    private static ResponseEntity<StreamingResponseBody> csv(String name, StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"").body(body);
    }
}
