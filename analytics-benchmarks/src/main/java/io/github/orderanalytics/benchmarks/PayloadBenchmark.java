package io.github.orderanalytics.benchmarks;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** What building the payload alone costs: our validated order against the official SDKs' map. */
public class PayloadBenchmark extends NanoBenchmark {
    private int next;
    private final Order[] orders = new Order[Client.PREPARED];
    private final Identity[] identities = new Identity[Client.PREPARED];

    public PayloadBenchmark() {
        for (int i = 0; i < Client.PREPARED; i++) {
            orders[i] = Workload.order(i);
            identities[i] = Workload.identity(i);
        }
    }

    private final PostHogEventMapper mapper =
            PostHogEventMapper.create(PostHogConfig.builder().build());

    /** The mapped event through the public mapper: what the posthog-java adapter pays per call. */
    @Benchmark
    public PostHogEvent mapEvent() {
        int i = next++ & (Client.PREPARED - 1);
        return mapper.orderPlaced(orders[i], identities[i]);
    }

    /** The event's JSON as the sender writes it into a batch: the sender thread's share per event. */
    @Benchmark
    public EncodedEvent encodeEvent() {
        int i = next++ & (Client.PREPARED - 1);
        return mapper.encode(orders[i], identities[i]);
    }

    @Benchmark
    public void orderAndIdentity(Blackhole bh) {
        int i = next++;
        Order order = Workload.order(i);
        Identity identity = Workload.identity(i);
        bh.consume(order);
        bh.consume(identity);
    }

    @Benchmark
    public void mapAndHashedGuestId(Blackhole bh) {
        int i = next++;
        Map<String, Object> properties = Workload.properties(i);
        bh.consume(properties);
        bh.consume(Workload.guestDistinctId(i));
    }
}
