package org.quidpro.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The one REST front door: authentication, rate limits, routing, circuit breakers. */
@SpringBootApplication
public class GatewayApplication {

    /**
     * The JDK's poller mode for virtual threads' sockets, unless the operator chose one ({@code -Djdk.pollerMode}).
     * The gateway waits on a service's socket on every call. In the default mode on Linux (2) a master poller
     * thread wakes a poller virtual thread, which then wakes the caller; in mode 1 a poller thread wakes the
     * caller directly. At 500 calls/s that took the gateway from 27 to 20 system calls and from 10.2 to 6.5 futex
     * calls per proxied call (bench/results/gateway-load.md). It must be set before the first socket wait.
     */
    static final String POLLER_MODE = "1";

    public static void main(String[] args) {
        if (System.getProperty("jdk.pollerMode") == null) {
            System.setProperty("jdk.pollerMode", POLLER_MODE);
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
