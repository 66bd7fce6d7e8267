package org.quidpro.coalition.formation;

/** No plan can be made for this request; {@link #reason} says why, the message says it to a person. */
public final class FormationRefused extends RuntimeException {

    public enum Reason { NO_HOLDERS, UPLOADER_NOT_A_HOLDER, BANDWIDTH_BELOW_EVERY_HOLDER, RANGE_OUTSIDE_FILE }

    private final Reason reason;

    public FormationRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
