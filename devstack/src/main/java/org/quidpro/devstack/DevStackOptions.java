package org.quidpro.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the local run is started.
 *
 * @param root the repository root (where the service modules' target/ folders are)
 * @param version the project version of the service jars
 * @param dataDirectory where PostgreSQL's data and the services' logs go
 * @param fresh wipe the data directory first (the default); {@code --keep-data} keeps it
 * @param postgresPort PostgreSQL's port
 * @param portOffset added to every service's fixed port (to run a second stack beside a first)
 * @param readyTimeout how long the services get to become ready
 * @param exitWhenReady stop again once everything is ready (a smoke check)
 * @param simulate a simulator scenario to run against the stack once it is ready (its name or file), or null
 */
public record DevStackOptions(
        Path root, String version, Path dataDirectory, boolean fresh, int postgresPort, int portOffset,
        Duration readyTimeout, boolean exitWhenReady, String simulate) {

    static final String USAGE = """
            Usage: devstack [--data-dir=DIR] [--keep-data] [--postgres-port=N] [--port-offset=N]
                            [--ready-timeout=SECONDS] [--exit-when-ready] [--simulate[=SCENARIO]]
              --data-dir        PostgreSQL data and service logs (default: <repo>/.devstack)
              --keep-data       keep the data of the previous run (default: start fresh)
              --postgres-port   default 15432 (the Kafka broker takes a free port; it is printed)
              --port-offset     added to the service ports 8080-8084 (default 0)
              --ready-timeout   seconds the services get to become ready (default 90)
              --exit-when-ready start, check that everything is ready, stop (exit code 0 if so)
              --simulate        once ready, run a simulated community through the gateway and write its
                                report: file-sharing (the default), wlan, telemedicine or a scenario file
            """;

    public int port(ServiceModule service) {
        return service.port() + portOffset;
    }

    public Path jar(ServiceModule service) {
        return root.resolve(service.module()).resolve("target").resolve(service.module() + "-" + version + "-exec.jar");
    }

    public static DevStackOptions parse(Path root, String version, String... args) {
        Path dataDirectory = root.resolve(".devstack");
        boolean fresh = true;
        int postgresPort = 15432;
        int portOffset = 0;
        Duration readyTimeout = Duration.ofSeconds(90);
        boolean exitWhenReady = false;
        String simulate = null;
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--data-dir" -> dataDirectory = Path.of(value(kv)).toAbsolutePath();
                case "--keep-data" -> fresh = false;
                case "--postgres-port" -> postgresPort = Integer.parseInt(value(kv));
                case "--port-offset" -> portOffset = Integer.parseInt(value(kv));
                case "--ready-timeout" -> readyTimeout = Duration.ofSeconds(Long.parseLong(value(kv)));
                case "--exit-when-ready" -> exitWhenReady = true;
                case "--simulate" -> simulate = kv.length < 2 || kv[1].isBlank() ? "file-sharing" : kv[1];
                default -> unknown.add(arg);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + USAGE);
        }
        return new DevStackOptions(root, version, dataDirectory, fresh, postgresPort, portOffset,
                readyTimeout, exitWhenReady, simulate);
    }

    private static String value(String[] kv) {
        if (kv.length < 2 || kv[1].isBlank()) {
            throw new IllegalArgumentException(kv[0] + " needs a value\n" + USAGE);
        }
        return kv[1];
    }
}
