package org.quidpro.contracts.accounting;

/** What a community counts as a contribution. */
public enum ContributionUnit {
    /** Bytes uploaded (file sharing). */
    BYTES,
    /** Seconds of service, e.g. connectivity lent to a roaming node (WLAN peering). */
    SECONDS,
    /** Completed consultations (telemedicine). */
    CONSULTATIONS
}
