package org.quidpro.coalition.formation;

import java.util.Optional;

/**
 * What p_b asks for: a range of file Z (the whole file, or the part still missing), at its download
 * bandwidth b_out, with the responsiveness bonus Rb the rating service keeps for it.
 *
 * @param range the bytes wanted; within the file
 * @param downloadBytesPerSecond b_out_b
 * @param bonus Rb_b in [0, 1]; the requester may use Rb_b * b_out_b
 * @param initialUploader p_0 if the requester chose one
 * @param maxMembers at most this many members, p_0 included (a community setting)
 */
public record DownloadRequest(ByteRange range, long downloadBytesPerSecond, double bonus,
        Optional<String> initialUploader, int maxMembers) {

    public DownloadRequest {
        if (downloadBytesPerSecond <= 0) {
            throw new IllegalArgumentException("downloadBytesPerSecond: positive");
        }
        if (!(bonus >= 0 && bonus <= 1)) {
            throw new IllegalArgumentException("bonus: between 0 and 1");
        }
        if (maxMembers < 1) {
            throw new IllegalArgumentException("maxMembers: at least 1");
        }
    }

    /** Rb_b * b_out_b, whole bytes per second. */
    public long usableBytesPerSecond() {
        return (long) Math.floor(bonus * downloadBytesPerSecond);
    }
}
