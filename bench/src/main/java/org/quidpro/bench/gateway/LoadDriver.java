package org.quidpro.bench.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.quidpro.bench.BenchService;

/**
 * The open-loop load driver, in a JVM of its own: requests are due on a fixed schedule whether or not earlier
 * ones were answered, and each latency counts from its due time, so a stall of the server is not hidden (no
 * coordinated omission). Each target in turn is warmed up at the full rate for {@code warmup} seconds and then,
 * without a pause, measured for {@code seconds}.
 *
 * <p>It speaks plain HTTP/1.1 over {@value #CONNECTIONS} kept-alive connections, each served by its own thread:
 * a due request waits for a free connection, and that wait counts in its latency. The JDK's HttpClient took a
 * whole core at 500 requests/s on the machine it shares with the services measured; this costs a few
 * microseconds a request.
 *
 * <p>Its one argument is a properties file: {@code rate}, {@code seconds}, {@code warmup} (seconds),
 * {@code body} (the JSON posted), {@code targets} (names, comma-separated) and per target
 * {@code <name>.url} and {@code <name>.headers} ({@code Name: value} pairs separated by {@code |}). It
 * prints one line per target: {@code RESULT name p50 p99 p99.9 max errors count}, latencies in nanoseconds.
 */
public final class LoadDriver {

    static final int CONNECTIONS = 128;

    public static void main(String[] args) throws Exception {
        Properties plan = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            plan.load(in);
        }
        int rate = Integer.parseInt(plan.getProperty("rate"));
        int seconds = Integer.parseInt(plan.getProperty("seconds"));
        int warmup = Integer.parseInt(plan.getProperty("warmup"));
        byte[] body = plan.getProperty("body").getBytes(StandardCharsets.UTF_8);
        List<String> names = List.of(plan.getProperty("targets").split(","));
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            targets.add(new Target(URI.create(plan.getProperty(name + ".url")),
                    List.of(plan.getProperty(name + ".headers").split("\\|")), body));
        }
        // Each path is measured right after its own warm-up at the full rate, in one unbroken stream: the JIT
        // compiles by invocation counts, and a pause between warm-up and measurement is no steady state (idle
        // carrier threads are trimmed, idle connections go stale, rarely taken branches get compiled out).
        for (int i = 0; i < names.size(); i++) {
            long[] result = run(targets.get(i), rate, warmup, seconds);
            System.out.println("RESULT " + names.get(i) + " " + Arrays.stream(result).mapToObj(Long::toString)
                    .reduce((a, b) -> a + " " + b).orElseThrow());
        }
        System.exit(0);
    }

    /** Where to send and the request's bytes, written once. */
    record Target(URI uri, byte[] request) {
        Target(URI uri, List<String> headers, byte[] body) {
            this(uri, request(uri, headers, body));
        }

        private static byte[] request(URI uri, List<String> headers, byte[] body) {
            StringBuilder head = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
            headers.forEach(h -> head.append(h.strip()).append("\r\n"));
            byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = Arrays.copyOf(start, start.length + body.length);
            System.arraycopy(body, 0, request, start.length, body.length);
            return request;
        }
    }

    /** Sends at {@code rate} a second; the percentiles of the latencies after {@code warmup} seconds. */
    static long[] run(Target target, int rate, int warmup, int seconds) throws InterruptedException {
        int total = rate * (warmup + seconds);
        int skip = rate * warmup;
        long[] latencies = new long[total - skip];
        AtomicInteger errors = new AtomicInteger();
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>(total);
        CountDownLatch answered = new CountDownLatch(total);
        List<Thread> connections = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            connections.add(Thread.ofPlatform().daemon().start(() -> serve(target, due, answered, latencies, skip, errors)));
        }
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < scheduled) {
                LockSupport.parkNanos(Math.min(scheduled - now, 200_000));
            }
            due.add(new long[] {i, scheduled});
        }
        answered.await();
        connections.forEach(Thread::interrupt);
        System.out.println(target.uri().getPort() + ": p99 of each second, ms:" + perSecondP99(latencies, rate));
        Arrays.sort(latencies);
        return new long[] {BenchService.percentile(latencies, 50), BenchService.percentile(latencies, 99),
            BenchService.percentile(latencies, 99.9), latencies[latencies.length - 1], errors.get(), latencies.length};
    }

    /** Where in time the slow answers were: one stall and a steady queue look alike in the run's p99. */
    static String perSecondP99(long[] latencies, int rate) {
        StringBuilder seconds = new StringBuilder();
        for (int from = 0; from + rate <= latencies.length; from += rate) {
            long[] second = Arrays.copyOfRange(latencies, from, from + rate);
            Arrays.sort(second);
            seconds.append(' ').append(BenchService.percentile(second, 99) / 1_000_000);
        }
        return seconds.toString();
    }

    /** One kept-alive connection: takes the next due request, sends it, reads the whole answer. */
    private static void serve(Target target, BlockingQueue<long[]> due, CountDownLatch answered, long[] latencies,
            int skip, AtomicInteger errors) {
        Socket socket = null;
        InputStream in = null;
        while (true) {
            long[] next;
            try {
                next = due.take();
            } catch (InterruptedException e) {
                return;
            }
            int status;
            try {
                if (socket == null) {
                    socket = new Socket(target.uri().getHost(), target.uri().getPort());
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                OutputStream out = socket.getOutputStream();
                out.write(target.request());
                out.flush();
                status = readResponse(in);
            } catch (IOException | RuntimeException e) {
                status = -1;
            }
            if (status <= 0) { // failed, or the server closes the connection: the next request opens another
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // gone either way
                }
                socket = null;
            }
            long latency = System.nanoTime() - next[1];
            int index = (int) next[0];
            if (index >= skip) {
                if (Math.abs(status) != 200) {
                    errors.incrementAndGet();
                }
                latencies[index - skip] = latency;
            }
            answered.countDown();
        }
    }

    /**
     * Reads one response (Content-Length or chunked) and returns its status, negated when the server closes
     * the connection after it.
     */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).strip();
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).split(";")[0].strip(), 16)) > 0; ) {
                in.skipNBytes(size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return close ? -status : status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
