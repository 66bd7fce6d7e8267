package org.quidpro.index.file.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.index.FilesAnnounced;
import org.quidpro.contracts.index.FilesWithdrawn;
import org.quidpro.index.config.IndexProperties;
import org.quidpro.index.file.Announcement;
import org.quidpro.index.file.persistence.Communities;
import org.quidpro.index.file.persistence.FileIndex;
import org.quidpro.platform.events.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who holds what: announces (one transaction per batch, events for new holders only), withdrawals, and
 * the pruning of holders whose announce expired. Every change to who holds a file is published through
 * the outbox in the transaction that makes it.
 */
@Service
public class Holdings {

    private static final Logger log = LoggerFactory.getLogger(Holdings.class);
    static final int PRUNE_BATCH = 5_000;

    /** What an announce did. */
    public record Announced(int files, int newHoldings, Instant expiresAt) {}

    private final FileIndex index;
    private final Communities communities;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final IndexProperties properties;
    private final Clock clock;

    public Holdings(FileIndex index, Communities communities, OutboxWriter outbox, TransactionTemplate transactions,
            IndexProperties properties, Clock clock) {
        this.index = index;
        this.communities = communities;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public Announced announce(String community, String peer, List<Announcement> files) {
        if (files.size() > properties.maxBatch()) {
            throw new IllegalArgumentException("files: at most " + properties.maxBatch() + " in one announce, not "
                    + files.size());
        }
        List<String> hashes = files.stream().map(a -> a.contentHash().hex()).toList();
        if (new HashSet<>(hashes).size() != hashes.size()) {
            throw new IllegalArgumentException("files: each content hash once per announce");
        }
        requireKnown(community);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.announceTtl());
        return transactions.execute(status -> {
            Map<String, Long> indexed = index.sizes(community, hashes);
            for (Announcement a : files) {
                Long size = indexed.get(a.contentHash().hex());
                if (size != null && size != a.sizeBytes()) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "file " + a.contentHash() + " is indexed with "
                            + size + " bytes, not " + a.sizeBytes() + ": one content hash has one size");
                }
            }
            List<String> created = index.announce(community, peer, files, now, expiresAt);
            Map<String, Announcement> byHash = new HashMap<>();
            files.forEach(a -> byHash.put(a.contentHash().hex(), a));
            List<FilesAnnounced.File> news = created.stream().map(hash -> {
                Announcement a = byHash.get(hash);
                return new FilesAnnounced.File(hash, a.sizeBytes(), a.name(), a.uploadBytesPerSecond());
            }).toList();
            outbox.appendAll(chunks(news, FilesAnnounced.MAX_FILES).stream()
                    .map(part -> new FilesAnnounced(UUID.randomUUID(), now, community, peer, part))
                    .toList());
            return new Announced(files.size(), created.size(), expiresAt);
        });
    }

    /** Withdraws one file ({@code contentHash}) or all of the peer's files (null); returns how many. */
    public int withdraw(String community, String peer, String contentHash) {
        requireKnown(community);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            var withdrawn = index.withdraw(community, peer, contentHash);
            outbox.appendAll(withdrawals(withdrawn, FilesWithdrawn.Reason.WITHDRAWN, now));
            return withdrawn.size();
        });
    }

    /** Removes holders whose announce expired, in batches, each with its FilesWithdrawn events. */
    @Scheduled(fixedDelayString = "${quidpro.index.prune-interval}")
    public int pruneExpired() {
        int total = 0;
        int removed;
        do {
            Instant now = clock.instant();
            removed = transactions.execute(status -> {
                var expired = index.pruneExpired(now, PRUNE_BATCH);
                outbox.appendAll(withdrawals(expired, FilesWithdrawn.Reason.EXPIRED, now));
                return expired.size();
            });
            total += removed;
        } while (removed == PRUNE_BATCH);
        if (total > 0) {
            log.info("Pruned {} expired holder(s)", total);
        }
        return total;
    }

    /** One event per community and peer (and per {@link FilesWithdrawn#MAX_FILES} hashes). */
    private static List<IntegrationEvent> withdrawals(List<FileIndex.HolderChange> holdings, FilesWithdrawn.Reason reason,
            Instant now) {
        Map<List<String>, List<String>> byPeer = new LinkedHashMap<>();
        holdings.forEach(h -> byPeer.computeIfAbsent(List.of(h.community(), h.peerId()), k -> new ArrayList<>())
                .add(h.contentHash()));
        List<IntegrationEvent> events = new ArrayList<>();
        byPeer.forEach((peer, hashes) -> chunks(hashes, FilesWithdrawn.MAX_FILES).forEach(part -> events.add(
                new FilesWithdrawn(UUID.randomUUID(), now, peer.get(0), peer.get(1), part, reason))));
        return events;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            parts.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return parts;
    }

    private void requireKnown(String community) {
        if (!communities.known(community)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no community " + community);
        }
    }
}
