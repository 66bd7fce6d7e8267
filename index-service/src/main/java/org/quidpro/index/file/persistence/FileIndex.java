package org.quidpro.index.file.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quidpro.index.file.Announcement;
import org.quidpro.index.search.TextQuery;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Files and their holders. A batch announce is two statements whatever its size: the rows travel as
 * arrays and are unnested by PostgreSQL (one round trip each, no per-row statement), and the holder
 * upsert returns which holders are new, the only ones that make an event.
 */
@Repository
public class FileIndex {

    /** A holder whose announce or withdrawal changed who holds a file. */
    public record HolderChange(String community, String peerId, String contentHash) {}

    private final JdbcTemplate jdbc;

    public FileIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The sizes already indexed for these hashes (a hash has one size: a different one is a false announce). */
    public Map<String, Long> sizes(String community, List<String> hashes) {
        Map<String, Long> sizes = new HashMap<>();
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select content_hash, size_bytes from file where community_id = ? and content_hash = any(?)")) {
                s.setString(1, community);
                s.setArray(2, c.createArrayOf("text", hashes.toArray()));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        sizes.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        return sizes;
    }

    /** Indexes the files and makes the peer their holder until {@code expiresAt}; returns the new holders' hashes. */
    public List<String> announce(String community, String peer, List<Announcement> files, Instant now, Instant expiresAt) {
        return jdbc.execute((ConnectionCallback<List<String>>) c -> {
            int n = files.size();
            String[] hashes = new String[n];
            Long[] sizes = new Long[n];
            String[] names = new String[n];
            String[] mimeTypes = new String[n];
            String[] tags = new String[n];
            String[] searchTexts = new String[n];
            Long[] bandwidths = new Long[n];
            for (int i = 0; i < n; i++) {
                Announcement a = files.get(i);
                hashes[i] = a.contentHash().hex();
                sizes[i] = a.sizeBytes();
                names[i] = a.name();
                mimeTypes[i] = a.mimeType();
                tags[i] = arrayLiteral(a.tags());
                searchTexts[i] = TextQuery.searchText(a.name(), a.tags());
                bandwidths[i] = a.uploadBytesPerSecond();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into file (community_id, content_hash, size_bytes, name, mime_type, tags, search_text,
                                      first_announced_at)
                    select ?, h, s, n, m, t::text[], x, ? from unnest(?, ?, ?, ?, ?, ?) as f(h, s, n, m, t, x)
                    on conflict (community_id, content_hash) do nothing""")) {
                s.setString(1, community);
                s.setObject(2, utc(now));
                s.setArray(3, array(c, "text", hashes));
                s.setArray(4, array(c, "bigint", sizes));
                s.setArray(5, array(c, "text", names));
                s.setArray(6, array(c, "text", mimeTypes));
                s.setArray(7, array(c, "text", tags));
                s.setArray(8, array(c, "text", searchTexts));
                s.executeUpdate();
            }
            List<String> created = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    insert into holder (community_id, content_hash, peer_id, upload_bps, announced_at, expires_at)
                    select ?, h, ?, b, ?, ? from unnest(?, ?) as f(h, b)
                    on conflict (community_id, content_hash, peer_id) do update set upload_bps = excluded.upload_bps,
                        announced_at = excluded.announced_at, expires_at = excluded.expires_at
                    returning content_hash, xmax = 0""")) {
                s.setString(1, community);
                s.setString(2, peer);
                s.setObject(3, utc(now));
                s.setObject(4, utc(expiresAt));
                s.setArray(5, array(c, "text", hashes));
                s.setArray(6, array(c, "bigint", bandwidths));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        // xmax = 0: the row was inserted, not updated; an expired holder re-announcing counts as new.
                        if (rs.getBoolean(2)) {
                            created.add(rs.getString(1));
                        }
                    }
                }
            }
            return created;
        });
    }

    /** Ends the peer's holding of one file, or of all its files when {@code contentHash} is null. */
    public List<HolderChange> withdraw(String community, String peer, String contentHash) {
        return jdbc.query("""
                delete from holder where community_id = ? and peer_id = ? and (cast(? as text) is null or content_hash = ?)
                returning community_id, peer_id, content_hash""",
                (rs, row) -> new HolderChange(rs.getString(1), rs.getString(2), rs.getString(3)),
                community, peer, contentHash, contentHash);
    }

    /** Removes up to {@code limit} holders whose announce expired, oldest first; other replicas skip them. */
    public List<HolderChange> pruneExpired(Instant now, int limit) {
        return jdbc.query("""
                delete from holder where ctid in (
                    select ctid from holder where expires_at <= ? order by expires_at limit ? for update skip locked)
                returning community_id, peer_id, content_hash""",
                (rs, row) -> new HolderChange(rs.getString(1), rs.getString(2), rs.getString(3)), utc(now), limit);
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }

    /** A PostgreSQL array literal of the tags, for an array of arrays passed as text (unnest flattens nested arrays). */
    static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
