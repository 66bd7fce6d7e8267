package org.quidpro.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    final CallDeadlines deadlines = new CallDeadlines(Duration.ofMillis(200));
    final ServerSocket server = server();

    static ServerSocket server() {
        try {
            return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        deadlines.close();
        server.close();
    }

    /** What a virtual thread saw of a read under a call: the outcome, whether it expired, its interrupt after. */
    record Outcome(String read, boolean expired, boolean interruptedAfter, Duration took) {}

    Outcome readOnVirtualThread(boolean reportProgress) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            long begin = System.nanoTime();
            String read;
            boolean expired;
            try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                InputStream in = socket.getInputStream();
                try (CallDeadlines.Call call = deadlines.start()) {
                    StringBuilder got = new StringBuilder();
                    try {
                        for (int b; (b = in.read()) >= 0; ) {
                            got.append((char) b);
                            if (reportProgress) {
                                deadlines.progress();
                            }
                        }
                        read = got.toString();
                    } catch (IOException e) {
                        read = "failed after '" + got + "': " + e.getClass().getSimpleName();
                    }
                    expired = call.expired();
                }
            } catch (IOException e) {
                outcome.completeExceptionally(e);
                return;
            }
            outcome.complete(new Outcome(read, expired, Thread.currentThread().isInterrupted(),
                    Duration.ofNanos(System.nanoTime() - begin)));
        });
        return outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadThatWaitsPastTheLimitIsCutAndTheInterruptDoesNotOutliveTheCall() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Socket socket = server.accept();
                socket.getOutputStream().write('a'); // then silence
                return socket;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome outcome = readOnVirtualThread(false);
        accepted.get(1, TimeUnit.SECONDS).close();
        assertThat(outcome.read()).startsWith("failed after 'a'");
        assertThat(outcome.expired()).isTrue();
        assertThat(outcome.took()).isBetween(Duration.ofMillis(200), Duration.ofMillis(1_500));
        assertThat(outcome.interruptedAfter()).as("the call's interrupt is cleared when it closes").isFalse();
    }

    @Test
    void aCallThatKeepsMakingProgressRunsPastTheLimit() throws Exception {
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
            try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                for (char c : "slowly".toCharArray()) {
                    out.write(c);
                    out.flush();
                    Thread.sleep(120);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome outcome = readOnVirtualThread(true);
        trickle.get(5, TimeUnit.SECONDS);
        assertThat(outcome.read()).isEqualTo("slowly");
        assertThat(outcome.expired()).isFalse();
        assertThat(outcome.took()).as("six pauses of 120 ms: longer than the 200 ms limit")
                .isGreaterThan(Duration.ofMillis(600));
    }

    @Test
    void anExpiredCallWhoseInterruptWasSwallowedIsInterruptedAgain() throws Exception {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept(); // and never a byte
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            long begin = System.nanoTime();
            try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort());
                    CallDeadlines.Call call = deadlines.start()) {
                // Past the limit in code that swallows interrupts, as Tomcat's read of a client's body does.
                while (System.nanoTime() - begin < Duration.ofMillis(400).toNanos()) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException swallowed) {
                        // gone
                    }
                }
                String read;
                try {
                    read = "read " + socket.getInputStream().read();
                } catch (IOException e) {
                    read = "failed: " + e.getClass().getSimpleName();
                }
                outcome.complete(new Outcome(read, call.expired(), false, Duration.ofNanos(System.nanoTime() - begin)));
            } catch (IOException e) {
                outcome.completeExceptionally(e);
            }
        });
        Outcome cut = outcome.get(10, TimeUnit.SECONDS);
        accepted.get(1, TimeUnit.SECONDS).close();
        assertThat(cut.read()).startsWith("failed");
        assertThat(cut.expired()).isTrue();
        assertThat(cut.took()).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void aClosedCallIsNeverInterruptedLater() throws Exception {
        CallDeadlines.Call call = deadlines.start();
        call.close();
        Thread.sleep(600);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(call.expired()).isFalse();
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new CallDeadlines(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
