package org.quidpro.simulator.community;

/**
 * One request of one round and what came of it, in simulated time.
 *
 * @param peer the requesting peer's number
 * @param label its cohort's label
 * @param mode how it was served
 * @param asked bytes (or units) asked for
 * @param received bytes (or units) delivered
 * @param seconds simulated transfer time at the granted rates (complete downloads), else NaN
 * @param plannedSeconds the coalition's planned time t_S (eq. 7), or the single source's T / r_0
 * @param soloSeconds t_0 = T / b_in_0 of the plan's initial uploader, the model's time without a coalition
 * @param complete everything asked for arrived
 * @param providerLabel the (first) provider's cohort label, or null
 * @param satisfied the consumer's verdict on the service (service communities), or null
 */
public record Request(int round, int peer, String label, Mode mode, long asked, long received, double seconds,
        double plannedSeconds, double soloSeconds, boolean complete, String providerLabel, Boolean satisfied) {

    public enum Mode {
        /** served by a coalition the coalition service formed */
        COALITION,
        /** served by one uploader (asked for one, or the coalition service formed none) */
        SINGLE_SOURCE,
        /** a metered service session (connection-seconds, a consultation) */
        SERVICE,
        /** nobody was found or willing to serve */
        UNSERVED
    }

    /** Bytes (units) per simulated second, for complete downloads. */
    public double rate() {
        return complete && seconds > 0 ? received / seconds : Double.NaN;
    }
}
