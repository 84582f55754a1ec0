package io.qfgate.server.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes log lines to standard output in batches. A logging thread encodes its line and adds it to
 * a buffer; a background thread writes whatever has gathered every {@code flushMillis} (50 ms) in
 * one write. Logback's AsyncAppender hands each line over a blocking queue, waking its thread, and
 * that thread writes each line on its own: a wake-up and a system call per request, about a tenth of
 * the gateway's CPU under load (docs/performance.md).
 *
 * <p>Nothing is dropped. When more than {@code maxBufferedBytes} are waiting (the console cannot
 * keep up), the logging thread writes them itself and so waits, as it would on a full queue. Lines
 * leave in the order they were added. From the JVM's shutdown on, every line is written at once,
 * so the last lines of a stopping gateway are not lost.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private OutputStream out = new FileOutputStream(FileDescriptor.out);
    private long flushMillis = 50;
    private int maxBufferedBytes = 1 << 20;

    /** Guards {@link #buffer}; held only to add to it or swap it, never while writing. */
    private final ReentrantLock adding = new ReentrantLock();
    /** Held while a batch is written: one batch at a time, so batches leave in order. */
    private final ReentrantLock writing = new ReentrantLock();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    /** The other buffer, written from while {@link #buffer} fills; only touched holding {@link #writing}. */
    private ByteArrayOutputStream spare = new ByteArrayOutputStream(64 * 1024);
    private volatile boolean immediate;
    private Thread flusher;
    private Thread shutdownHook;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public void setMaxBufferedBytes(int maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** Where the lines go instead of standard output (tests). */
    void setOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder for appender " + name);
            return;
        }
        if (flushMillis <= 0 || maxBufferedBytes <= 0) {
            addError("flushMillis and maxBufferedBytes must be positive for appender " + name);
            return;
        }
        super.start();
        flusher = Thread.ofPlatform().daemon().name("log-flusher").start(this::flushEvery);
        shutdownHook = new Thread(() -> {
            immediate = true;
            flush();
        }, "log-flush-at-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        LockSupport.unpark(flusher);
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; it flushes too.
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        boolean full;
        adding.lock();
        try {
            buffer.writeBytes(line);
            full = buffer.size() >= maxBufferedBytes;
        } finally {
            adding.unlock();
        }
        if (full || immediate) {
            flush();
        }
    }

    /** Writes every line added so far. */
    void flush() {
        writing.lock();
        try {
            ByteArrayOutputStream batch;
            adding.lock();
            try {
                if (buffer.size() == 0) {
                    return;
                }
                batch = buffer;
                buffer = spare;
            } finally {
                adding.unlock();
            }
            try {
                batch.writeTo(out);
                out.flush();
            } catch (IOException e) {
                addError("Could not write log lines", e);
            }
            batch.reset();
            spare = batch;
        } finally {
            writing.unlock();
        }
    }

    private void flushEvery() {
        while (isStarted()) {
            LockSupport.parkNanos(flushMillis * 1_000_000);
            flush();
        }
    }
}
