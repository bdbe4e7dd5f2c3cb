package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.internal.wire.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/** A {@link BatchSender} that keeps each request's order ids and answers as the test says: no sockets. */
final class InMemorySender implements BatchSender {

    /** One request: the order ids in it, its events as parsed JSON, and its size on the wire. */
    record Request(List<String> orderIds, List<Object> events, int bytes) {}

    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, SendResult> answer = r -> SendResult.answered(200);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** Answers every request from now on with {@code answer}. */
    InMemorySender answer(Function<Request, SendResult> answer) {
        this.answer = answer;
        return this;
    }

    /** Holds every request until {@link #release()}, as a server that does not answer. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Forgets the requests received so far. */
    synchronized void clear() {
        requests.clear();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> orderIds() {
        return requests.stream().flatMap(r -> r.orderIds().stream()).toList();
    }

    /** Every event received, in the order received. */
    synchronized List<Object> events() {
        return requests.stream().flatMap(r -> r.events().stream()).toList();
    }

    @Override
    public SendResult send(byte[] body, boolean gzipped) throws InterruptedException {
        List<Object> events = batch(gzipped ? gunzip(body) : body);
        Request request = new Request(orderIds(events), events, body.length);
        synchronized (this) {
            requests.add(request);
        }
        gate.await();
        return answer.apply(request);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> batch(byte[] json) {
        return (List<Object>) EventJson.parseObject(json).get("batch");
    }

    @SuppressWarnings("unchecked")
    private static List<String> orderIds(List<Object> batch) {
        List<String> ids = new ArrayList<>();
        for (Object event : batch) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) event).get("properties");
            ids.add((String) properties.get("order_id"));
        }
        return ids;
    }

    private static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
