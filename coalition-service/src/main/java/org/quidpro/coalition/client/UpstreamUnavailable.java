package org.quidpro.coalition.client;

/** A service this one depends on did not answer in time, failed, or its circuit is open: a 503. */
public final class UpstreamUnavailable extends RuntimeException {

    public UpstreamUnavailable(String service, Throwable cause) {
        super(service + " is unavailable (" + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage()) + "); try again shortly", cause);
    }
}
