package org.quidpro.coalition.formation;

/** Bytes first..last of a file, both inclusive. */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a byte range runs from a first byte >= 0 to a last byte >= first");
        }
    }

    public long length() {
        return last - first + 1;
    }
}
