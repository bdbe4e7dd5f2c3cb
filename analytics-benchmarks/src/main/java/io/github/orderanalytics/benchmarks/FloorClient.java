package io.github.orderanalytics.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A speed ceiling, not a product: the least a capture client can do and still deliver the same events.
 * {@code capture} appends the caller's already-built event to a list under a lock; one daemon thread
 * takes batches of 500, writes them with Jackson's streaming generator into {@code {"api_key", "batch",
 * "sent_at"}}, gzips at level 1 and sends with {@code HttpClient.sendAsync}, at most 2 requests in
 * flight. No retries, no bounds, no accounting, no validation: whatever the endpoint answers is ignored.
 * The suite reports every client's throughput as a ratio to this one's in the same run.
 */
final class FloorClient implements Client {
    static final int BATCH = 500;
    private static final int IN_FLIGHT = 2;
    private static final JsonFactory JSON = new JsonFactory();

    /** One event as the caller built it. */
    private record Event(String distinctId, Instant timestamp, Map<String, Object> properties) {}

    private final URI batchUri;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Object lock = new Object();
    private List<Event> pending = new ArrayList<>();
    private boolean closed;
    private boolean flushing; // under lock
    private long captured; // under lock
    private long answered; // events whose request was answered (or failed), under lock
    private final Thread sender;
    private final String[] distinctIds = new String[PREPARED];

    @SuppressWarnings("unchecked")
    private final Map<String, Object>[] properties = new Map[PREPARED];

    FloorClient(String host) {
        this.batchUri = URI.create(host + "/batch/");
        for (int i = 0; i < PREPARED; i++) {
            distinctIds[i] = Workload.guestDistinctId(i);
            properties[i] = Workload.properties(i);
        }
        this.sender = new Thread(this::run, "floor-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void send(int i) {
        capture(Workload.guestDistinctId(i), Workload.properties(i));
    }

    @Override
    public void sendPrepared(int i) {
        capture(distinctIds[i & (PREPARED - 1)], properties[i & (PREPARED - 1)]);
    }

    private void capture(String distinctId, Map<String, Object> props) {
        synchronized (lock) {
            pending.add(new Event(distinctId, Workload.PLACED_AT, props));
            captured++;
            if (pending.size() >= BATCH) {
                lock.notifyAll();
            }
        }
    }

    private void run() {
        while (true) {
            List<Event> taken;
            synchronized (lock) {
                while (pending.size() < BATCH && !closed && !flushing) {
                    try {
                        lock.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty() && closed) {
                    return;
                }
                flushing = false;
                taken = pending; // everything waiting, sent below in batches of 500
                pending = new ArrayList<>();
            }
            for (int from = 0; from < taken.size(); from += BATCH) {
                List<Event> batch = taken.subList(from, Math.min(taken.size(), from + BATCH));
                byte[] body = gzipped(batch);
                int n = batch.size();
                inFlight.acquireUninterruptibly();
                http.sendAsync(
                                HttpRequest.newBuilder(batchUri)
                                        .header("Content-Type", "application/json")
                                        .header("Content-Encoding", "gzip")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, error) -> {
                            inFlight.release();
                            synchronized (lock) {
                                answered += n;
                                lock.notifyAll();
                            }
                        });
            }
        }
    }

    private static byte[] gzipped(List<Event> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                JsonGenerator g = JSON.createGenerator(gzip)) {
            g.writeStartObject();
            g.writeStringField("api_key", "phc_bench");
            g.writeArrayFieldStart("batch");
            for (Event e : batch) {
                g.writeStartObject();
                g.writeStringField("event", "order_placed");
                g.writeStringField("distinct_id", e.distinctId());
                g.writeStringField("timestamp", e.timestamp().toString());
                g.writeFieldName("properties");
                write(g, e.properties());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("sent_at", Instant.now().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The property values the workload builds: text, decimals, whole numbers, booleans, lists, maps. */
    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                g.writeFieldName((String) entry.getKey());
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    /** Hands over what waits and waits until every request carrying it has been answered. */
    @Override
    public void flush() {
        synchronized (lock) {
            long target = captured;
            flushing = true;
            lock.notifyAll();
            while (answered < target) {
                try {
                    lock.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
