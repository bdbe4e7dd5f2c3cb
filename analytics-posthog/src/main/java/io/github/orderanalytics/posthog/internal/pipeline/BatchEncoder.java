package io.github.orderanalytics.posthog.internal.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.BatchSettings;
import io.github.orderanalytics.posthog.EventSettings;
import io.github.orderanalytics.posthog.internal.wire.EventJson;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Turns events into request bodies: one request's worth at a time, each under
 * {@link #MAX_REQUEST_BYTES}, so a batch of large orders never builds one huge buffer. Each event is
 * written once (here, or by {@link WriteAhead} while it waited); a retry or a split reuses its bytes.
 */
final class BatchEncoder {
    /** Uncompressed request size at which a batch is cut: PostHog allows 20 MB, we stay far below. */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

    private final byte[] bodyStart;
    private final byte[] historicalBodyStart;
    private final EventSettings event;
    private final boolean gzip;
    private final boolean historicalMigration;

    BatchEncoder(String apiKey, EventSettings event, boolean gzip, boolean historicalMigration) {
        String key = "{\"api_key\":" + new String(EventJson.quoted(apiKey), StandardCharsets.UTF_8);
        this.bodyStart = (key + ",\"batch\":[").getBytes(StandardCharsets.UTF_8);
        this.historicalBodyStart =
                (key + ",\"historical_migration\":true,\"batch\":[").getBytes(StandardCharsets.UTF_8);
        this.event = event;
        this.gzip = gzip;
        this.historicalMigration = historicalMigration;
    }

    boolean gzip() {
        return gzip;
    }

    /** A writer for one sender's batch: writers keep digests, so one serves one thread. */
    OrderEventWriter writer() {
        return OrderEventWriter.create(event);
    }

    /** The end of the request that starts at {@code from}: as many events as fit, at least one. */
    static int requestEnd(List<Pending> events, int from) {
        long bytes = 0;
        int end = from;
        while (end < events.size() && (end == from || bytes + events.get(end).size <= MAX_REQUEST_BYTES)) {
            bytes += events.get(end).size + 1;
            end++;
        }
        return end;
    }

    /**
     * Writes {@code events} into one buffer with one generator, each event a slice of it: far less
     * garbage than a buffer and a generator per event. An event that cannot be written is left out
     * and handed to {@code failed}: a bug of ours, as the values were validated when built.
     */
    List<Pending> encode(List<Pending> events, OrderEventWriter writer, BiConsumer<Pending, Exception> failed) {
        SliceBuffer buffer = null; // none when every event was written while it waited
        List<Pending> encoded = new ArrayList<>(events.size());
        JsonGenerator g = null;
        for (Pending p : events) {
            if (p.isSettled()) {
                continue;
            }
            if (p.isWritten()) {
                encoded.add(p);
                continue;
            }
            if (buffer == null) {
                buffer = new SliceBuffer(events.size() * 1024);
            }
            int start = buffer.size();
            OrderEvent event = Objects.requireNonNull(p.event, "an event not written yet has its order");
            Identity identity = Objects.requireNonNull(p.identity, "an event not written yet has its identity");
            try {
                if (g == null) {
                    g = EventJson.generator(buffer);
                }
                p.uuid(writer.write(event, identity, g));
                g.flush();
                p.start = start;
                p.end = buffer.size();
                encoded.add(p);
            } catch (IOException | RuntimeException e) {
                buffer.truncate(start);
                g = null; // its state is broken; the next event starts a fresh one
                failed.accept(p, e);
            }
        }
        if (buffer != null) {
            byte[] bytes = buffer.array(); // final only now: the buffer grew by copying while it was written
            for (Pending p : encoded) {
                if (!p.isWritten()) { // written here: its slice lies in this buffer
                    p.buffer = bytes;
                }
            }
        }
        return encoded;
    }

    /**
     * The request body, gzipped if configured, with {@code sent_at} so PostHog can correct for clock
     * skew, and marked {@code historical_migration} when that is configured and every event is over
     * 48 hours old: PostHog's rule for backfills. With {@code backfill} (a relay's old rows), old events
     * are historical whatever the setting.
     */
    byte[] body(List<Pending> events, Instant sentAt, boolean backfill) {
        byte[] bodyStart =
                (historicalMigration || backfill) && allOld(events, sentAt) ? historicalBodyStart : this.bodyStart;
        byte[] end = ("],\"sent_at\":\"" + sentAt + "\"}").getBytes(StandardCharsets.UTF_8);
        int size = bodyStart.length + end.length + events.size();
        for (Pending p : events) {
            size += p.length();
        }
        byte[] body = new byte[size];
        int at = bodyStart.length;
        System.arraycopy(bodyStart, 0, body, 0, at);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            Pending p = events.get(i);
            System.arraycopy(p.buffer, p.start, body, at, p.length());
            at += p.length();
        }
        System.arraycopy(end, 0, body, at, end.length);
        at += end.length;
        return gzip ? gzip(body, at) : body; // exactly sized: at == size
    }

    private static boolean allOld(List<Pending> events, Instant sentAt) {
        Instant cutoff = sentAt.minus(BatchSettings.HISTORICAL_AGE);
        for (Pending p : events) {
            if (!p.timestamp.isBefore(cutoff)) {
                return false;
            }
        }
        return true;
    }

    /** Compresses in one pass: many small writes would each cross into native zlib, which costs more than the JSON. */
    private static byte[] gzip(byte[] body, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 6 + 64);
        try (GZIPOutputStream gz = new FastGzip(out)) {
            gz.write(body, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Fastest deflate level: event JSON still shrinks about tenfold, at a fraction of the CPU of the default. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
