package org.quidpro.rating.history.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.quidpro.rating.history.Downsampling;
import org.quidpro.rating.history.ScoreDistribution;
import org.quidpro.rating.history.SeriesPoint;
import org.quidpro.rating.history.Standing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rating history: snapshots appended by every recompute into daily partitions, and the analysts'
 * reads. Reads hand rows to a consumer as the database returns them (a cursor of {@link #FETCH_SIZE}
 * rows), so a CSV export of any size streams instead of being built in memory.
 */
@Repository
public class RatingHistory {

    static final int FETCH_SIZE = 1_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PARTITION_PREFIX = "rating_history_p";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();

    public RatingHistory(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Creates the daily partitions for {@code days} days from {@code now}'s day, in their own short
     * transaction (DDL locks the parent table), once per day and process.
     */
    public void ensurePartitions(Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int d = 0; d < days; d++) {
            LocalDate day = today.plusDays(d);
            if (partitions.contains(day)) {
                continue;
            }
            transactions.executeWithoutResult(status -> {
                // Replicas may race to create the same day; the lock makes "if not exists" safe.
                jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('rating-history-partitions'))", Object.class);
                jdbc.execute("create table if not exists %s%s partition of rating_history for values from ('%s') to ('%s')"
                        .formatted(PARTITION_PREFIX, DAY.format(day), day.atStartOfDay(ZoneOffset.UTC),
                                day.plusDays(1).atStartOfDay(ZoneOffset.UTC)));
            });
            partitions.add(day);
        }
    }

    /** Drops the daily partitions that ended before {@code horizon}; returns the days dropped. */
    public List<LocalDate> dropBefore(Instant horizon) {
        List<LocalDate> dropped = new ArrayList<>();
        for (String partition : jdbc.queryForList("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                join pg_class p on p.oid = i.inhparent
                where p.relname = 'rating_history' and p.relnamespace = current_schema()::regnamespace""", String.class)) {
            if (!partition.startsWith(PARTITION_PREFIX)) {
                continue;
            }
            LocalDate day = LocalDate.parse(partition.substring(PARTITION_PREFIX.length()), DAY);
            if (!day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(horizon)) {
                transactions.executeWithoutResult(status -> jdbc.execute("drop table if exists " + partition));
                partitions.remove(day);
                dropped.add(day);
            }
        }
        return dropped;
    }

    /** Appends one recompute's snapshot; the caller's transaction makes it atomic with the new ratings. */
    public void append(String community, List<Standing> snapshot) {
        jdbc.batchUpdate("""
                insert into rating_history (community_id, peer_id, scheme, score, relative_score, rank, newcomer, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                snapshot.stream().map(s -> new Object[] {community, s.peerId(), s.scheme(), s.score(), s.relativeScore(),
                    s.rank(), s.newcomer(), utc(s.computedAt())}).toList());
    }

    /** A peer's snapshots in [from, to), oldest first, or one point per bucket when downsampled. */
    public void series(String community, String peer, Instant from, Instant to, Optional<Downsampling> downsampling,
            long limit, Consumer<SeriesPoint> sink) {
        String sql = downsampling.isEmpty() ? """
                select computed_at, score, score, score, relative_score, rank, 1
                from rating_history where community_id = ? and peer_id = ? and computed_at >= ? and computed_at < ?
                order by computed_at limit ?""" : """
                select date_bin(make_interval(secs => ?), computed_at, timestamptz '2000-01-01 00:00:00+00') as bucket,
                       min(score), max(score), (array_agg(score order by computed_at desc))[1],
                       (array_agg(relative_score order by computed_at desc))[1],
                       (array_agg(rank order by computed_at desc))[1], count(*)
                from rating_history where community_id = ? and peer_id = ? and computed_at >= ? and computed_at < ?
                group by bucket order by bucket limit ?""";
        List<Object> args = new ArrayList<>();
        downsampling.ifPresent(d -> args.add(d.width().toNanos() / 1e9));
        args.addAll(List.of(community, peer, utc(from), utc(to), limit));
        stream(sql, args.toArray(), rs -> sink.accept(new SeriesPoint(instant(rs, 1), rs.getDouble(2), rs.getDouble(3),
                rs.getDouble(4), rs.getDouble(5), rs.getInt(6), rs.getLong(7))));
    }

    /** The time of the community's last snapshot at or before {@code at}. */
    public Optional<Instant> snapshotAt(String community, Instant at) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(computed_at) from rating_history where community_id = ? and computed_at <= ?",
                OffsetDateTime.class, community, utc(at))).map(OffsetDateTime::toInstant);
    }

    /** The best {@code limit} peers of the snapshot taken at {@code snapshot}, by rank. */
    public void top(String community, Instant snapshot, long limit, Consumer<Standing> sink) {
        stream("""
                select peer_id, scheme, score, relative_score, rank, newcomer, computed_at from rating_history
                where community_id = ? and computed_at = ? order by rank limit ?""",
                new Object[] {community, utc(snapshot), limit},
                rs -> sink.accept(new Standing(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getInt(5), rs.getBoolean(6), instant(rs, 7))));
    }

    /** Percentiles and an equal-width histogram of the scores in the snapshot taken at {@code snapshot}. */
    public ScoreDistribution distribution(String community, Instant snapshot, int buckets) {
        StringBuilder percentiles = new StringBuilder();
        for (double p : ScoreDistribution.PERCENTILES) {
            percentiles.append(", percentile_cont(").append(p).append(") within group (order by score)");
        }
        return readOnly.execute(status -> {
            Object[] where = {community, utc(snapshot)};
            Map<String, Double> atPercentile = new LinkedHashMap<>();
            double[] summary = new double[4];
            jdbc.query("select count(*), min(score), max(score), avg(score)" + percentiles
                    + " from rating_history where community_id = ? and computed_at = ?", (RowCallbackHandler) rs -> {
                        for (int k = 0; k < 4; k++) {
                            summary[k] = rs.getDouble(k + 1);
                        }
                        for (int k = 0; k < ScoreDistribution.PERCENTILES.length; k++) {
                            atPercentile.put("p" + Math.round(ScoreDistribution.PERCENTILES[k] * 100), rs.getDouble(5 + k));
                        }
                    }, where);
            double min = summary[1];
            double max = summary[2];
            double width = (max - min) / buckets;
            long[] counts = new long[buckets];
            // width_bucket puts max itself in bucket n + 1: it belongs to the last one.
            jdbc.query("""
                    select least(width_bucket(score, ?, ?, ?), ?) as b, count(*) from rating_history
                    where community_id = ? and computed_at = ? group by b""", (RowCallbackHandler) rs -> {
                        int b = rs.getInt(1);
                        counts[Math.max(0, b - 1)] += rs.getLong(2);
                    }, min, max > min ? max : min + 1, buckets, buckets, community, utc(snapshot));
            List<ScoreDistribution.Bucket> histogram = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                histogram.add(new ScoreDistribution.Bucket(min + b * width, b == buckets - 1 ? max : min + (b + 1) * width,
                        counts[b]));
            }
            return new ScoreDistribution(community, snapshot, (long) summary[0], min, max, summary[3], atPercentile,
                    histogram);
        });
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs a query in a read-only transaction so that PostgreSQL's driver fetches through a cursor. */
    private void stream(String sql, Object[] args, Row row) {
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, (RowCallbackHandler) row::accept));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
