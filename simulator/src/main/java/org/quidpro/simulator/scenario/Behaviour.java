package org.quidpro.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a simulated peer does. */
public enum Behaviour {
    /** Shares what it holds, serves every request it is granted, downloads. */
    COOPERATOR,
    /** Downloads, never shares or serves. */
    FREE_RIDER,
    /** A free-rider that abandons its identity every few rounds and registers a new key. */
    WHITEWASHER,
    /** A free-rider that co-signs fake receipts with the other colluders to look like a provider. */
    COLLUDER,
    /** A service provider whose consumers are not satisfied (telemedicine's bad consultants). */
    BAD_PROVIDER,
    /** Only consumes, by role rather than by strategy (patients, visitors). */
    CONSUMER;

    @JsonCreator
    public static Behaviour of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a peer behaving so shares and serves (announces files, hosts, consults). */
    public boolean serves() {
        return this == COOPERATOR || this == BAD_PROVIDER;
    }
}
