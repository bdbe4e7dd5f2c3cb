package io.github.orderanalytics.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A fast capture endpoint on 127.0.0.1: gunzips, counts the events of each batch with a streaming
 * parser, answers 200. Not {@code FakePostHog}, which records everything and would be the bottleneck.
 */
final class CountingSink implements AutoCloseable {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final JsonFactory JSON = new JsonFactory();

    final AtomicLong events = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lastEventMillis = new AtomicLong();
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "sink");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private @Nullable HttpServer server;

    CountingSink() {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("the benchmark's sink could not listen on 127.0.0.1", e);
        }
        s.createContext("/", this::handle);
        s.setExecutor(handlers);
        s.start();
        this.server = s;
        this.port = s.getAddress().getPort();
    }

    String host() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops answering, for good: what the client then sees is an outage. */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            bytes.addAndGet(raw.length);
            InputStream body = new ByteArrayInputStream(raw);
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            long count = count(body);
            requests.incrementAndGet();
            if (count > 0) {
                events.addAndGet(count);
                lastEventMillis.set(System.currentTimeMillis());
            }
            byte[] ok = "{\"status\":1}".getBytes();
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    /** The number of elements of a top-level "batch" array, or 1 for a single event. */
    private static long count(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            long single = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if ("batch".equals(name) && value == JsonToken.START_ARRAY) {
                    long n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        n++;
                        p.skipChildren();
                    }
                    return n;
                }
                if ("event".equals(name)) {
                    single = 1;
                }
                p.skipChildren();
            }
            return single;
        }
    }

    @Override
    public void close() {
        down();
        handlers.shutdownNow();
    }
}
