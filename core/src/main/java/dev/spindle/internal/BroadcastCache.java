package dev.spindle.internal;

import dev.spindle.protocol.Message;
import dev.spindle.protocol.Messages.BroadcastValue;
import dev.spindle.protocol.Messages.FetchBroadcast;
import dev.spindle.util.JavaSerializer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An executor's broadcast values: the first task that asks for one sends one request to the driver and
 * waits; tasks asking meanwhile wait for the same answer; later tasks share the value deserialized once.
 *
 * <p>Thread-safe: task threads ask, the connection's I/O thread delivers answers (as bytes only, so a
 * large value is deserialized on a task thread, never on the I/O thread).
 */
public final class BroadcastCache {
    /** One broadcast: the driver's answer, and the value read from it once. */
    private static final class Entry {
        final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        private Object value;
        private boolean read;

        synchronized Object value(ClassLoader loader) throws Exception {
            if (!read) {
                value = JavaSerializer.deserialize(bytes.get(), loader);
                read = true;
            }
            return value;
        }
    }

    private final String executorId;
    private final Consumer<Message> toDriver;
    private final long timeoutMillis;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    /** @param toDriver sends a message on the executor's connection to the driver */
    public BroadcastCache(String executorId, Consumer<Message> toDriver, long timeoutMillis) {
        this.executorId = executorId;
        this.toDriver = toDriver;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The value of broadcast {@code id}, its classes resolved through the thread's context class loader.
     *
     * @throws IllegalStateException if the driver has no such broadcast or does not answer in time
     */
    public Object value(long id) {
        boolean[] asked = {false};
        Entry e = entries.computeIfAbsent(id, k -> {
            asked[0] = true;
            return new Entry();
        });
        if (asked[0]) {
            toDriver.accept(new FetchBroadcast(executorId, id));
        }
        try {
            e.bytes.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return e.value(Thread.currentThread().getContextClassLoader());
        } catch (TimeoutException ex) {
            entries.remove(id, e);
            throw new IllegalStateException("the driver did not send broadcast " + id + " within " + timeoutMillis
                    + " ms", ex);
        } catch (ExecutionException ex) {
            entries.remove(id, e);
            throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for broadcast " + id, ex);
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalStateException("cannot read broadcast " + id + ": " + ex, ex);
        }
    }

    /** The driver's answer to a request. */
    public void received(BroadcastValue answer) {
        Entry e = entries.get(answer.broadcastId());
        if (e == null) {
            return;
        }
        if (answer.error().isEmpty()) {
            e.bytes.complete(answer.value());
        } else {
            e.bytes.completeExceptionally(new IllegalStateException(answer.error()));
        }
    }

    /** Drops this executor's copy; a later task fetches it again. */
    public void forget(long id) {
        entries.remove(id);
    }

    /** How many broadcasts this executor holds or waits for. */
    public int size() {
        return entries.size();
    }
}
