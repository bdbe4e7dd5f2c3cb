package io.github.orderanalytics.benchmarks;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** What building the payload alone costs: our validated order against the official SDKs' map. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadBenchmark {
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
