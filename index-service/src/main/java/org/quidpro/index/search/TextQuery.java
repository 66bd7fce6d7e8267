package org.quidpro.index.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text search as a client typed it: whitespace-separated terms, each of which must occur in a file's
 * name or tags, as literal text. Characters that are wildcards to SQL's LIKE ({@code %}, {@code _}) and
 * its escape character ({@code \}) are escaped, so {@code 100%} finds "100%" and not "1000"; quotes are
 * just characters (the query is always a bound parameter).
 */
public record TextQuery(String text, List<String> terms) {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_TERMS = 8;

    public static TextQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("q: a search needs some text");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("q: at most " + MAX_LENGTH + " characters");
        }
        List<String> terms = Arrays.stream(text.strip().toLowerCase(Locale.ROOT).split("\\s+")).distinct().toList();
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("q: at most " + MAX_TERMS + " terms");
        }
        return new TextQuery(text.strip().toLowerCase(Locale.ROOT), terms);
    }

    /** Reads a cursor of a text search (the last match's rank, then its content hash). */
    public static Cursor cursor(String text) {
        Cursor cursor = Cursor.decode(text, 2);
        try {
            Double.parseDouble(cursor.values().get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor: not one this search returned");
        }
        return cursor;
    }

    /** Each term as a LIKE pattern matching it anywhere, its metacharacters escaped with a backslash. */
    public List<String> likePatterns() {
        return terms.stream().map(t -> "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toList();
    }

    /** What a file is searched by: its name and tags, lower-cased, one space apart. */
    public static String searchText(String name, List<String> tags) {
        StringBuilder text = new StringBuilder(name.toLowerCase(Locale.ROOT));
        tags.forEach(tag -> text.append(' ').append(tag.toLowerCase(Locale.ROOT)));
        return text.toString();
    }
}
