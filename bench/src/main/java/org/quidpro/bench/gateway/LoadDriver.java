package org.quidpro.bench.gateway;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load driver, in a JVM of its own: requests go out on schedule whether or not earlier ones
 * were answered, and each latency counts from its scheduled time, so a stall of the server is not hidden
 * (no coordinated omission). Every target is first warmed up at a quarter of the rate, then each is
 * measured in turn at the full rate, its first 2 s not counted.
 *
 * <p>Its one argument is a properties file: {@code rate}, {@code seconds}, {@code warmup} (seconds),
 * {@code body} (the JSON posted), {@code targets} (names, comma-separated) and per target
 * {@code <name>.url} and {@code <name>.headers} ({@code Name: value} pairs separated by {@code |}). It
 * prints one line per target: {@code RESULT name p50 p99 p99.9 max errors count}, latencies in nanoseconds.
 */
public final class LoadDriver {

    public static void main(String[] args) throws Exception {
        Properties plan = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            plan.load(in);
        }
        int rate = Integer.parseInt(plan.getProperty("rate"));
        int seconds = Integer.parseInt(plan.getProperty("seconds"));
        int warmup = Integer.parseInt(plan.getProperty("warmup"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<String> names = List.of(plan.getProperty("targets").split(","));
        List<HttpRequest> requests = new ArrayList<>();
        for (String name : names) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plan.getProperty(name + ".url")))
                    .POST(HttpRequest.BodyPublishers.ofString(plan.getProperty("body")));
            for (String header : plan.getProperty(name + ".headers").split("\\|")) {
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            requests.add(request.build());
        }
        // Both paths warm up first (JIT, pools, caches), so neither is measured colder than the other.
        for (HttpRequest request : requests) {
            run(http, request, Math.max(1, rate / 4), warmup, 1);
        }
        for (int i = 0; i < names.size(); i++) {
            long[] result = run(http, requests.get(i), rate, 2, seconds);
            System.out.println("RESULT " + names.get(i) + " " + Arrays.stream(result).mapToObj(Long::toString)
                    .reduce((a, b) -> a + " " + b).orElseThrow());
        }
        System.exit(0);
    }

    /** Sends at {@code rate} a second; the percentiles of the latencies after {@code warmup} seconds. */
    static long[] run(HttpClient http, HttpRequest request, int rate, int warmup, int seconds) {
        int total = rate * (warmup + seconds);
        int skip = rate * warmup;
        long[] latencies = new long[total - skip];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < scheduled) {
                LockSupport.parkNanos(Math.min(scheduled - now, 200_000));
            }
            int index = i;
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                long latency = System.nanoTime() - scheduled;
                if (index >= skip) {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    latencies[index - skip] = latency;
                }
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        Arrays.sort(latencies);
        return new long[] {percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 99.9),
            latencies[latencies.length - 1], errors.get(), latencies.length};
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, double percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100 * sorted.length) - 1)];
    }
}
