package org.quidpro.gateway.routing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The time limit of each proxied call, kept by one watchdog thread for all of them.
 *
 * <p>A socket read timeout would limit each read instead, but on a virtual thread every read that has to wait
 * under a timeout is a timed park, and each timed park wakes the JDK's delay scheduler: at 500 calls/s, 5 of
 * the gateway's 32 system calls and 2 of its 10 context switches per call, and about 13 % of its CPU at
 * 2,000/s (bench/results/gateway-load.md). Here a call that makes no progress for {@code timeout} is
 * interrupted instead: a virtual thread's blocking socket operation then fails and closes its socket
 * (JEP 444), and the route answers 503. Progress, a piece of a body read, starts the limit again, so a long
 * upload or download runs as long as it keeps moving, as under a read timeout; unlike one, the limit also
 * covers a service that stops reading what is sent to it. The watchdog looks every {@code timeout / 20}
 * (10 ms to 250 ms), so a call is cut that much after its limit at most. An expired call is interrupted again
 * on every look until it ends: code that swallows an interrupt (Tomcat's read of the client's body does) must
 * not leave the call to wait for ever on a socket that has no timeout.
 */
public final class CallDeadlines implements AutoCloseable {

    private static final int RUNNING = 0;
    private static final int EXPIRED = 1; // interrupted, and again each tick until it closes
    private static final int INTERRUPTING = 2;
    private static final int DONE = 3;

    private final long timeoutNanos;
    private final long tickNanos;
    private final Map<Thread, Call> calls = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean closed;

    public CallDeadlines(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("a call's time limit must be positive, not " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.tickNanos = Math.clamp(timeoutNanos / 20, Duration.ofMillis(10).toNanos(),
                Duration.ofMillis(250).toNanos());
        this.watchdog = Thread.ofPlatform().daemon().name("call-deadlines").start(this::watch);
    }

    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Starts the current thread's call, limited from now; close it when the call is over. */
    public Call start() {
        Call call = new Call(Thread.currentThread(), System.nanoTime() + timeoutNanos);
        calls.put(call.thread, call);
        return call;
    }

    /** The current thread's call (if it has one) made progress: its limit starts again from now. */
    public void progress() {
        Call call = calls.get(Thread.currentThread());
        if (call != null) {
            call.deadline = System.nanoTime() + timeoutNanos;
        }
    }

    /** {@code body} as relayed in a call: each piece read from it is progress of the current thread's call. */
    public InputStream progressing(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                progress();
                return read;
            }
        };
    }

    /** One call of one thread. */
    public final class Call implements AutoCloseable {

        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile long deadline;
        private volatile boolean expired;

        private Call(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        /** Whether the call ran out of time and was interrupted. */
        public boolean expired() {
            return expired;
        }

        /**
         * Ends the call. If the watchdog interrupted it, the thread's interrupt is cleared: it was meant for the
         * call, not for whatever the thread does next (a pooled or reused thread would otherwise fail later).
         */
        @Override
        public void close() {
            calls.remove(thread, this);
            for (int was; ; Thread.onSpinWait()) { // spins only while the watchdog is between its two steps below
                was = state.get();
                if (was != INTERRUPTING && state.compareAndSet(was, DONE)) {
                    if (was == EXPIRED) {
                        Thread.interrupted();
                    }
                    return;
                }
            }
        }
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Call call : calls.values()) {
                int was = call.state.get();
                if ((was == EXPIRED || was == RUNNING && now - call.deadline > 0)
                        && call.state.compareAndSet(was, INTERRUPTING)) {
                    call.expired = true;
                    call.thread.interrupt();
                    call.state.set(EXPIRED);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watchdog);
    }
}
