package org.quidpro.simulator.community;

import java.util.HashSet;
import java.util.Set;
import org.quidpro.simulator.scenario.Behaviour;
import org.quidpro.simulator.scenario.Scenario.Cohort;

/**
 * One simulated peer: its cohort, its declared bandwidths, what it holds, and its current identity (a
 * whitewasher trades it for a new one now and then).
 */
public final class Peer {

    private final int number;
    private final Cohort cohort;
    private final long uploadBytesPerSecond;
    private final long downloadBytesPerSecond;
    private final Set<Integer> holds = new HashSet<>();
    private final Set<Integer> announced = new HashSet<>();
    private Identity identity;
    private int busyUntil;

    Peer(int number, Cohort cohort, long uploadBytesPerSecond, long downloadBytesPerSecond) {
        this.number = number;
        this.cohort = cohort;
        this.uploadBytesPerSecond = uploadBytesPerSecond;
        this.downloadBytesPerSecond = downloadBytesPerSecond;
    }

    public int number() {
        return number;
    }

    public Cohort cohort() {
        return cohort;
    }

    public String label() {
        return cohort.label();
    }

    public Behaviour behaviourAt(int round) {
        return cohort.behaviourAt(round);
    }

    public long uploadBytesPerSecond() {
        return uploadBytesPerSecond;
    }

    public long downloadBytesPerSecond() {
        return downloadBytesPerSecond;
    }

    public Identity identity() {
        return identity;
    }

    public String id() {
        return identity.id();
    }

    /** Takes a new identity; what the old one announced is forgotten with it. */
    void identity(Identity identity) {
        this.identity = identity;
        this.announced.clear();
    }

    /** Whether the peer is idle in {@code round} (its last download has finished in simulated time). */
    public boolean idle(int round) {
        return round >= busyUntil;
    }

    /** Busy with a download that takes {@code rounds} rounds from {@code round}. */
    void busy(int round, int rounds) {
        busyUntil = round + Math.max(1, rounds);
    }

    public Set<Integer> holds() {
        return holds;
    }

    public Set<Integer> announced() {
        return announced;
    }
}
