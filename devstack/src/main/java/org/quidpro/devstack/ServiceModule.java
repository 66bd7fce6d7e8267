package org.quidpro.devstack;

import java.util.List;

/** One service of quidpro as the local run starts it: its Maven module and its fixed port. */
public record ServiceModule(String module, int port) {

    public static final List<ServiceModule> ALL = List.of(
            new ServiceModule("gateway", 8080),
            new ServiceModule("accounting-service", 8081),
            new ServiceModule("rating-service", 8082),
            new ServiceModule("index-service", 8083),
            new ServiceModule("coalition-service", 8084));
}
