package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final Console console = new Console();
    private final BatchingConsoleAppender appender = new BatchingConsoleAppender();

    /** A console that keeps what it was given and counts the writes. */
    static final class Console extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        synchronized List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }

    private void start(long flushMillis, int maxBufferedBytes) {
        start(flushMillis, maxBufferedBytes, console);
    }

    private void start(long flushMillis, int maxBufferedBytes, OutputStream output) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setOutput(output);
        appender.setFlushMillis(flushMillis);
        appender.setMaxBufferedBytes(maxBufferedBytes);
        appender.start();
    }

    private void log(String message) {
        appender.doAppend(new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, null));
    }

    @AfterEach
    void stop() {
        appender.stop();
    }

    @Test
    void linesWaitInTheBufferUntilAFlushWritesThemAllInOneWrite() {
        start(3_600_000, 1 << 20); // the background thread will not flush during this test

        log("one");
        log("two");
        log("three");
        assertThat(console.lines()).isEmpty();

        appender.flush();
        assertThat(console.lines()).containsExactly("one", "two", "three");
        assertThat(console.writes).hasValue(1);
    }

    @Test
    void theBackgroundThreadWritesWhatGathered() {
        start(5, 1 << 20);

        log("soon"); // no flush() here: only the background thread can write it

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(console.lines()).containsExactly("soon"));
    }

    @Test
    void aFullBufferIsWrittenByTheLoggingThreadItself() {
        start(3_600_000, 64);

        log("a".repeat(40));
        assertThat(console.lines()).isEmpty();
        log("b".repeat(40)); // 82 bytes waiting: over the limit

        assertThat(console.lines()).containsExactly("a".repeat(40), "b".repeat(40));
    }

    @Test
    void stoppingWritesEverythingStillWaiting() {
        start(3_600_000, 1 << 20);
        log("last words");

        appender.stop();

        assertThat(console.lines()).containsExactly("last words");
        assertThat(appender.isStarted()).isFalse();
    }

    @Test
    void withoutAnEncoderItDoesNotStart() {
        appender.setContext(context);
        appender.setOutput(console);
        appender.start();

        assertThat(appender.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("No encoder"));
    }

    @Test
    void concurrentLoggersLoseNoLineAndKeepEachThreadsOrder() throws InterruptedException {
        start(1, 4_096); // flushes by time and by size while the threads log
        int threads = 8;
        int perThread = 5_000;
        List<Thread> loggers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            loggers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    log(id + " " + i);
                }
            }));
        }
        for (Thread t : loggers) {
            t.join();
        }
        appender.stop();

        List<String> lines = console.lines();
        assertThat(lines).hasSize(threads * perThread);
        int[] next = new int[threads];
        for (String line : lines) {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("thread %d's next line", thread).isEqualTo(next[thread]++);
        }
        assertThat(console.writes.get()).isGreaterThan(1).isLessThan(threads * perThread);
    }

    @Test
    void aConsoleThatFailsIsReportedAndLoggingGoesOn() {
        start(3_600_000, 1 << 20, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        });

        log("lost");
        appender.flush();
        log("also lost");
        appender.flush();

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("Could not write log lines"));
    }
}
