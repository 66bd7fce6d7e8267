package org.quidpro.coalition.formation;

/**
 * One member of a planned coalition.
 *
 * @param advertisedBytesPerSecond its b_in for the file, as announced
 * @param rateBytesPerSecond the rate it was granted (b_in, or its progressive-filling share when capped)
 * @param bytes the consecutive part of the file it sends
 * @param payoffSeconds its share of V(N) by eq. 5, in seconds saved
 */
public record Member(String peerId, Role role, long advertisedBytesPerSecond, long rateBytesPerSecond, ByteRange bytes,
        double payoffSeconds) {

    public enum Role { INITIAL_UPLOADER, HELPER }
}
