package io.github.orderanalytics.posthog.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Writes PostHog events as JSON with Jackson's streaming generator: exact decimals, no reflection. */
public final class EventJson {
    private EventJson() {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    public static byte[] bytes(PostHogEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(event, out);
        return out.toByteArray();
    }

    public static String text(PostHogEvent event) {
        return new String(bytes(event), StandardCharsets.UTF_8);
    }

    /** A JSON string literal, quotes included. */
    public static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void write(PostHogEvent event, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event", event.event());
            g.writeStringField("distinct_id", event.distinctId());
            g.writeStringField("uuid", event.uuid().toString());
            g.writeStringField("timestamp", event.timestamp().toString());
            g.writeFieldName("properties");
            value(g, event.properties());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                value(g, element);
            }
            g.writeEndArray();
        } else if (v instanceof ZonedDateTime z) {
            g.writeString(z.toOffsetDateTime().toString()); // "[Europe/Paris]" is not ISO-8601
        } else {
            g.writeString(v.toString()); // java.time values: ISO-8601
        }
    }
}
