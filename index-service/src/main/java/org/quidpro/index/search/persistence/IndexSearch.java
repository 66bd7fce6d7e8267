package org.quidpro.index.search.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quidpro.index.search.Cursor;
import org.quidpro.index.search.HolderOrder;
import org.quidpro.index.search.TextQuery;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The index's reads: a file, its live holders ranked, and files by text; all keyset-paginated. Cursors
 * arrive checked ({@link HolderOrder#cursor}, {@link TextQuery#cursor}).
 */
@Repository
public class IndexSearch {

    public record File(String contentHash, String name, long sizeBytes, List<String> tags, String mimeType,
            long holders) {}

    public record Holder(String peerId, long uploadBytesPerSecond, double relativeScore, Instant announcedAt,
            Instant expiresAt) {}

    public record Page<T>(List<T> items, String next) {}

    private final JdbcTemplate jdbc;

    public IndexSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static final String LIVE_HOLDERS = """
            (select count(*) from holder h where h.community_id = f.community_id and h.content_hash = f.content_hash
             and h.expires_at > ?)""";

    public Optional<File> file(String community, String contentHash, Instant now) {
        return jdbc.query("select content_hash, name, size_bytes, tags, mime_type, " + LIVE_HOLDERS
                + " from file f where community_id = ? and content_hash = ?", (rs, row) -> file(rs, 1), utc(now), community,
                contentHash).stream().findFirst();
    }

    private static String expression(HolderOrder.Key key) {
        return switch (key) {
            case RATING -> "coalesce(r.relative_score, 0)";
            case BANDWIDTH -> "h.upload_bps";
            case FRESHNESS -> "h.announced_at";
        };
    }

    /** A page of a file's holders and the file itself (empty when no holder is left to show on this page). */
    public record HolderPage(Optional<File> file, List<Holder> holders, String next) {}

    /**
     * The file's live holders but the excluded peers, best first in the community's order, with the file's
     * own row and live-holder count in the same statement (one round trip: lookups are the index's hot path).
     */
    public HolderPage holders(String community, String contentHash, HolderOrder order, List<String> excluded,
            Optional<Cursor> cursor, int limit, Instant now) {
        List<String> keys = order.keys().stream().map(IndexSearch::expression).toList();
        String sortKeys = String.join(", ", keys) + ", h.peer_id";
        String sql = """
                select h.peer_id, h.upload_bps, coalesce(r.relative_score, 0), h.announced_at, h.expires_at,
                  f.content_hash, f.name, f.size_bytes, f.tags, f.mime_type,
                  (select count(*) from holder x where x.community_id = ? and x.content_hash = ? and x.expires_at > ?)
                from file f join holder h on h.community_id = f.community_id and h.content_hash = f.content_hash
                left join peer_rating r on r.community_id = h.community_id and r.peer_id = h.peer_id
                where f.community_id = ? and f.content_hash = ? and h.expires_at > ? and h.peer_id <> all(?)"""
                + (cursor.isPresent() ? " and (" + sortKeys + ") < (" + placeholders(order) + ", ?)" : "")
                + " order by " + String.join(" desc, ", keys) + " desc, h.peer_id desc limit ?";
        List<File> file = new ArrayList<>(1);
        List<Holder> holders = jdbc.execute((ConnectionCallback<List<Holder>>) c -> {
            try (var s = c.prepareStatement(sql)) {
                int p = 1;
                for (int twice = 0; twice < 2; twice++) {
                    s.setString(p++, community);
                    s.setString(p++, contentHash);
                    s.setObject(p++, utc(now));
                }
                Array peers = c.createArrayOf("text", excluded.toArray());
                s.setArray(p++, peers);
                if (cursor.isPresent()) {
                    List<String> values = cursor.get().values();
                    for (int k = 0; k < order.keys().size(); k++) {
                        String v = values.get(k);
                        switch (order.keys().get(k)) {
                            case RATING -> s.setDouble(p++, Double.parseDouble(v));
                            case BANDWIDTH -> s.setLong(p++, Long.parseLong(v));
                            case FRESHNESS -> s.setObject(p++, utc(Instant.parse(v)));
                        }
                    }
                    s.setString(p++, values.getLast());
                }
                s.setInt(p, limit + 1);
                List<Holder> rows = new ArrayList<>();
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Holder(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                rs.getObject(5, OffsetDateTime.class).toInstant()));
                        if (file.isEmpty()) {
                            file.add(file(rs, 6));
                        }
                    }
                }
                return rows;
            }
        });
        Optional<File> found = file.stream().findFirst();
        if (holders.size() <= limit) {
            return new HolderPage(found, holders, null);
        }
        List<Holder> page = holders.subList(0, limit);
        Holder last = page.getLast();
        List<String> values = new ArrayList<>();
        for (HolderOrder.Key key : order.keys()) {
            values.add(switch (key) {
                case RATING -> Double.toString(last.relativeScore());
                case BANDWIDTH -> Long.toString(last.uploadBytesPerSecond());
                case FRESHNESS -> last.announcedAt().toString();
            });
        }
        values.add(last.peerId());
        return new HolderPage(found, List.copyOf(page), new Cursor(values).encode());
    }

    private static String placeholders(HolderOrder order) {
        return String.join(", ", java.util.Collections.nCopies(order.keys().size(), "?"));
    }

    /** Files with a live holder whose name or tags contain every term, best match first. */
    public Page<File> files(String community, TextQuery query, Optional<Cursor> cursor, int limit, Instant now) {
        String rank = "word_similarity(?, f.search_text)::float8";
        StringBuilder sql = new StringBuilder("select content_hash, name, size_bytes, tags, mime_type, " + LIVE_HOLDERS
                + ", " + rank + " from file f where f.community_id = ?");
        query.likePatterns().forEach(p -> sql.append(" and f.search_text like ?"));
        sql.append(" and exists (select 1 from holder h where h.community_id = f.community_id")
                .append(" and h.content_hash = f.content_hash and h.expires_at > ?)");
        if (cursor.isPresent()) {
            sql.append(" and (").append(rank).append(", f.content_hash) < (?, ?)");
        }
        sql.append(" order by 7 desc, content_hash desc limit ?");
        List<Object> args = new ArrayList<>(List.of(utc(now), query.text(), community));
        args.addAll(query.likePatterns());
        args.add(utc(now));
        if (cursor.isPresent()) {
            args.addAll(List.of(query.text(), Double.parseDouble(cursor.get().values().get(0)),
                    cursor.get().values().get(1)));
        }
        args.add(limit + 1);
        record Match(File file, double rank) {}
        List<Match> matches = jdbc.query(sql.toString(), (rs, row) -> new Match(file(rs, 1), rs.getDouble(7)), args.toArray());
        List<File> files = matches.stream().limit(limit).map(Match::file).toList();
        if (matches.size() <= limit) {
            return new Page<>(files, null);
        }
        Match last = matches.get(limit - 1);
        return new Page<>(files, new Cursor(List.of(Double.toString(last.rank()), last.file().contentHash())).encode());
    }

    /** The file columns from {@code first} on: hash, name, size, tags, MIME type, live holders. */
    private static File file(ResultSet rs, int first) throws SQLException {
        String[] tags = (String[]) rs.getArray(first + 3).getArray();
        return new File(rs.getString(first), rs.getString(first + 1), rs.getLong(first + 2), Arrays.asList(tags),
                rs.getString(first + 4), rs.getLong(first + 5));
    }
}
