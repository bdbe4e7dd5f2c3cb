package io.github.orderanalytics.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one call costs the calling thread, each client with a live sender to a local endpoint.
 *
 * <p>Measured in batches of {@value #BATCH} calls per thread, with a flush between batches, so that
 * each client is measured accepting events rather than dropping them at a full queue (ours holds
 * 10,000 by default; posthog-java's queue has no bound). Scores are per batch: divide by
 * {@value #BATCH}. {@code build} includes building the payload the client's users would build
 * (ours: the validated {@code Order}; theirs: the property map and the hashed guest id);
 * {@code callOnly} hands over a payload built in advance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 30, batchSize = CallerCostBenchmark.BATCH)
@Measurement(iterations = 40, batchSize = CallerCostBenchmark.BATCH)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CallerCostBenchmark {
    static final int BATCH = 2_000;

    @Param({"ORDER_ANALYTICS", "POSTHOG_JAVA", "POSTHOG_SERVER"})
    public Client.Kind client;

    private CountingSink sink;
    private Client sender;

    @State(Scope.Thread)
    public static class Counter {
        int next;
    }

    @Setup(Level.Trial)
    public void start() {
        sink = new CountingSink();
        sender = Client.create(client, sink.host(), false);
    }

    @Setup(Level.Iteration)
    public void drain() {
        sender.flush();
    }

    @TearDown(Level.Trial)
    public void stop() {
        sender.close();
        sink.close();
    }

    @Benchmark
    public void build(Counter counter) {
        sender.send(counter.next++);
    }

    @Benchmark
    public void callOnly(Counter counter) {
        sender.sendPrepared(counter.next++);
    }
}
