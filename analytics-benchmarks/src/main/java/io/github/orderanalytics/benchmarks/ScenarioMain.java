package io.github.orderanalytics.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * One scenario for one client, in a JVM of its own so that clients cannot disturb each other.
 * Started by {@link BenchmarkSuite}, which runs the endpoint; prints {@code result key=value ...}.
 *
 * <p>Arguments: scenario ({@code throughput}, {@code drain}, {@code outage}), client kind, host,
 * tuned (true/false), event count.
 */
public final class ScenarioMain {
    private ScenarioMain() {}

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        Client.Kind kind = Client.Kind.valueOf(args[1]);
        String host = args[2];
        boolean tuned = Boolean.parseBoolean(args[3]);
        int events = Integer.parseInt(args[4]);
        switch (scenario) {
            case "throughput":
                throughput(kind, host, tuned, events);
                break;
            case "drain":
                drain(kind, host, events);
                break;
            case "outage":
                outage(kind, host, events);
                break;
            case "callercpu":
                callerCpu(kind, host, events);
                break;
            default:
                throw new IllegalArgumentException(scenario);
        }
    }

    /** Sends as fast as one thread can, then flushes; the suite times the arrival of the last event. */
    private static void throughput(Client.Kind kind, String host, boolean tuned, int events) {
        Client client = Client.create(kind, host, tuned);
        System.out.println("started " + System.currentTimeMillis());
        System.out.flush();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            client.send(i);
        }
        long sent = System.nanoTime();
        client.flush();
        long flushed = System.nanoTime();
        System.out.println("result sent=" + events + " sendMillis=" + (sent - start) / 1_000_000 + " flushMillis="
                + (flushed - sent) / 1_000_000);
        System.out.flush();
        System.out.flush();
        // The suite asks for this JVM's CPU time once the events stopped arriving, then ends it.
        try (java.util.Scanner in = new java.util.Scanner(System.in, java.nio.charset.StandardCharsets.UTF_8)) {
            in.nextLine();
        }
        System.out.println("cpu millis=" + cpuMillis());
        System.out.flush();
        LockSupport.parkNanos(Long.MAX_VALUE);
    }

    /**
     * The calling threads' own CPU time and allocation per call, from the JVM's per-thread counters:
     * what a request thread pays, whatever else the machine is doing. {@code threads} threads run
     * batches of 2,000 calls together, with a flush between batches so that every client is accepting.
     */
    private static void callerCpu(Client.Kind kind, String host, int threads) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Client client = Client.create(kind, host, false);
        int batch = 2_000;
        int warmup = 60;
        int measured = 40;
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads, client::flush);
        java.util.List<long[]> samples = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 10_000_000;
            Thread w = new Thread(() -> {
                try {
                    int next = offset;
                    long id = Thread.currentThread().getId();
                    for (int b = 0; b < warmup + measured; b++) {
                        long cpu = mx.getCurrentThreadCpuTime();
                        long bytes = mx.getThreadAllocatedBytes(id);
                        for (int i = 0; i < batch; i++) {
                            client.send(next++);
                        }
                        long cpuUsed = mx.getCurrentThreadCpuTime() - cpu;
                        long allocated = mx.getThreadAllocatedBytes(id) - bytes;
                        if (b >= warmup) {
                            samples.add(new long[] {cpuUsed / batch, allocated / batch});
                        }
                        barrier.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] cpu = samples.stream().mapToLong(x -> x[0]).sorted().toArray();
        long[] bytes = samples.stream().mapToLong(x -> x[1]).sorted().toArray();
        System.out.println("result cpuNanos=" + cpu[cpu.length / 2] + " bytes=" + bytes[bytes.length / 2]);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Sends, then closes at once; returns from main and lets the JVM exit if it will. */
    private static void drain(Client.Kind kind, String host, int events) {
        Client client = Client.create(kind, host, false);
        for (int i = 0; i < events; i++) {
            client.send(i);
        }
        long start = System.nanoTime();
        client.close();
        long closeMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("result closeMillis=" + closeMillis);
        System.out.flush();
    }

    /**
     * Offers 5,000 events/s to an endpoint that is down; reports retained heap, the slowest call and
     * the longest collection pause. Warms up against the live endpoint first and waits for the suite
     * to take it down, so the outage starts with an empty queue, as it would in production.
     */
    private static void outage(Client.Kind kind, String host, int seconds) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Client client = Client.create(kind, host, false);
        for (int i = 0; i < 20_000; i++) { // warm up the code paths on a few seconds' worth of events
            client.sendPrepared(i);
        }
        client.flush();
        System.out.println("warm");
        System.out.flush();
        try (java.util.Scanner in = new java.util.Scanner(System.in, java.nio.charset.StandardCharsets.UTF_8)) {
            in.nextLine(); // the endpoint is down now
            long baseline = usedAfterGc(memory);
            GcPauses pauses = GcPauses.start();
            int rate = 5_000;
            int total = rate * seconds;
            long[] calls = new long[total];
            long begin = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = begin + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long t = System.nanoTime();
                client.send(i);
                calls[i] = System.nanoTime() - t;
            }
            long longestPause = pauses.stop();
            long retained = usedAfterGc(memory) - baseline;
            Arrays.sort(calls);
            System.out.println("result retainedBytes=" + retained + " maxCallNanos=" + calls[total - 1]
                    + " p999CallNanos=" + calls[(int) (total * 0.999)] + " p50CallNanos=" + calls[total / 2]
                    + " longestGcPauseMillis=" + longestPause + " offered=" + total);
            System.out.flush();
        }
        Runtime.getRuntime().halt(0); // posthog-java's shutdown would block ~40 s against a dead endpoint
    }

    static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            LockSupport.parkNanos(100_000_000L);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
