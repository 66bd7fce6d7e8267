package org.quidpro.index.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How a file's holders are ranked, best first: by any order of the holder's rating (its relative score
 * from the rating service; unrated peers count 0), the upload bandwidth it advertises for the file, and
 * the freshness of its announce. Ties fall to the peer id, so the order is total and pages never skip.
 */
public record HolderOrder(List<Key> keys) {

    public enum Key { RATING, BANDWIDTH, FRESHNESS }

    public static final HolderOrder DEFAULT = new HolderOrder(List.of(Key.RATING, Key.BANDWIDTH, Key.FRESHNESS));

    public HolderOrder {
        if (keys.isEmpty() || new LinkedHashSet<>(keys).size() != keys.size()) {
            throw new IllegalArgumentException("a holder order names rating, bandwidth and freshness, each once");
        }
        List<Key> complete = new ArrayList<>(keys);
        for (Key k : Key.values()) {
            if (!complete.contains(k)) {
                complete.add(k);
            }
        }
        keys = List.copyOf(complete);
    }

    /** Reads a cursor of this order's sort values (then the peer id); refuses one another order or search made. */
    public Cursor cursor(String text) {
        Cursor cursor = Cursor.decode(text, keys.size() + 1);
        try {
            for (int k = 0; k < keys.size(); k++) {
                String v = cursor.values().get(k);
                switch (keys.get(k)) {
                    case RATING -> Double.parseDouble(v);
                    case BANDWIDTH -> Long.parseLong(v);
                    case FRESHNESS -> java.time.Instant.parse(v);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not one this search returned");
        }
        return cursor;
    }

    /** The order as {@link #parse} reads it, all three keys: "bandwidth,rating,freshness". */
    public String text() {
        return String.join(",", keys.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** "rating,bandwidth,freshness" or any order of them; missing ones follow in that order. */
    public static HolderOrder parse(String text) {
        List<Key> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                keys.add(Key.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown holder order key '" + part.strip()
                        + "': use rating, bandwidth and freshness");
            }
        }
        return new HolderOrder(keys);
    }
}
