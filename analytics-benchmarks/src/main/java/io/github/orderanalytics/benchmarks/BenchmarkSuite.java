package io.github.orderanalytics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark, side by side in one run, and writes the Markdown report given as the first
 * argument ({@code docs/benchmarks.md}). Run it with
 * {@code ./mvnw -q -Pbenchmarks -pl analytics-benchmarks -am package -DskipTests}.
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {}

    static final int THROUGHPUT_EVENTS = Integer.getInteger("bench.events", 500_000);
    static final int DRAIN_EVENTS = 10_000;
    static final int OUTAGE_SECONDS = Integer.getInteger("bench.outageSeconds", 30);

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured side by side in one run on ")
                .append(LocalDate.now())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(" (")
                .append(System.getProperty("java.vm.name"))
                .append("), ")
                .append(System.getProperty("os.name"))
                .append(" ")
                .append(System.getProperty("os.arch"))
                .append(
                        ". Clients: order-analytics (this project), `com.posthog.java:posthog:1.2.0` (posthog-java) and ")
                .append(
                        "`com.posthog:posthog-server:2.3.3` (posthog-server), and a floor client (`FloorClient`: the least a "
                                + "client can do, a speed ceiling), each sending the same order: two line items, ")
                .append("every optional money field, a guest identified by a hashed email. The endpoint is local ")
                .append("(127.0.0.1) and fast: it gunzips and counts. Rerun everything with\n\n")
                .append("```sh\n./mvnw -q -Pbenchmarks -pl analytics-benchmarks -am package -DskipTests\n```\n\n")
                .append("Shared machines are noisy: compare numbers within one run, not across runs.\n\n");
        List<String> only = List.of(System.getProperty("bench.only", "caller,callercpu,throughput,drain,outage")
                .split(","));
        if (only.contains("caller")) {
            callerCost(md);
        }
        if (only.contains("callercpu")) {
            callerCpu(md);
        }
        if (only.contains("throughput")) {
            throughput(md);
        }
        if (only.contains("drain")) {
            drain(md);
        }
        if (only.contains("outage")) {
            outage(md);
        }
        Files.createDirectories(report.getParent());
        md.append(keptNotes(report));
        Files.writeString(report, md.toString());
        System.out.println(md);
        System.out.println("written to " + report);
    }

    /** Written by people, not by this run: everything from this line on is kept when the report is rewritten. */
    static final String KEPT_NOTES =
            "<!-- Below: separate runs and findings, kept by BenchmarkSuite when it rewrites this file. -->";

    /** The hand-written part of the report already there, from {@link #KEPT_NOTES} on; empty if none. */
    private static String keptNotes(Path report) throws IOException {
        if (!Files.exists(report)) {
            return "";
        }
        String old = Files.readString(report);
        int at = old.indexOf(KEPT_NOTES);
        return at < 0 ? "" : old.substring(at);
    }

    // ---- caller cost (JMH) -------------------------------------------------------------------

    private static void callerCost(StringBuilder md) throws Exception {
        List<String> clients = new ArrayList<>();
        kinds().forEach(k -> clients.add(k.name()));
        md.append("## Caller cost (JMH)\n\n")
                .append(
                        "What `orderPlaced` / `capture` costs the calling thread, each client with its live background ")
                .append("sender to the local endpoint. Median of 40 measured batches of ")
                .append(CallerCostBenchmark.BATCH)
                .append(
                        " calls per thread (a flush between batches keeps every client accepting rather than dropping). ")
                .append(
                        "*build + call* includes building what the client's users build: our validated `Order` and `Identity`; ")
                .append(
                        "for the SDKs the property map and the SHA-256 guest id. *call only* hands over a payload built in ")
                .append(
                        "advance. *allocated* is bytes per event over all threads (JMH `-prof gc`), so it includes the ")
                .append("background sender's share.\n\n")
                .append("| client | threads | build + call, ns | call only, ns | allocated (build + call), B/event |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (int threads : new int[] {1, 4}) {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                            .include(CallerCostBenchmark.class.getName())
                            .threads(threads)
                            .addProfiler(GCProfiler.class)
                            .param("client", clients.toArray(new String[0]))
                            .build())
                    .run();
            Map<String, double[]> rows = new HashMap<>(); // client -> build ns, call ns, build B
            for (RunResult r : results) {
                String client = r.getParams().getParam("client");
                String method = r.getParams().getBenchmark();
                double ns = r.getPrimaryResult().getStatistics().getPercentile(50) / CallerCostBenchmark.BATCH;
                Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
                double bytes = alloc == null ? Double.NaN : alloc.getScore() / CallerCostBenchmark.BATCH;
                double[] row = rows.computeIfAbsent(client, c -> new double[3]);
                if (method.endsWith(".build")) {
                    row[0] = ns;
                    row[2] = bytes;
                } else {
                    row[1] = ns;
                }
            }
            for (Client.Kind kind : kinds()) {
                double[] row = rows.get(kind.name());
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %,.0f | %,.0f | %,.0f |%n",
                        kind.label,
                        threads,
                        row[0],
                        row[1],
                        row[2]));
            }
        }
        md.append('\n');
    }

    // ---- caller CPU and allocation, from per-thread counters ----------------------------------

    private static void callerCpu(StringBuilder md) throws Exception {
        md.append("## Caller CPU and allocation\n\n")
                .append("The same question without the scheduler's noise: the calling thread's own CPU time and ")
                .append("allocated bytes per call (build + call), from the JVM's per-thread counters, median of 40 ")
                .append(
                        "batches of 2,000 calls per thread after 60 batches of warm-up; each client in a JVM of its own.\n\n")
                .append(
                        "| client | threads | caller CPU, ns/call | caller allocation, B/call |\n|---|---:|---:|---:|\n");
        List<Client.Kind> kinds = new ArrayList<>(kinds());
        if (kinds.contains(Client.Kind.ORDER_ANALYTICS) && !kinds.contains(Client.Kind.ORDER_ANALYTICS_REFUNDS)) {
            kinds.add(kinds.indexOf(Client.Kind.ORDER_ANALYTICS) + 1, Client.Kind.ORDER_ANALYTICS_REFUNDS);
        }
        if (kinds.contains(Client.Kind.ORDER_ANALYTICS) && !kinds.contains(Client.Kind.ORDER_ANALYTICS_BROWSER)) {
            kinds.add(kinds.indexOf(Client.Kind.ORDER_ANALYTICS) + 1, Client.Kind.ORDER_ANALYTICS_BROWSER);
        }
        for (int threads : new int[] {1, 4}) {
            for (Client.Kind kind : kinds) {
                try (CountingSink sink = new CountingSink()) {
                    ScenarioJvm child = ScenarioJvm.start("callercpu", kind, sink.host(), false, threads);
                    String result = child.awaitLine("result ", 600);
                    child.kill();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %,d | %,d |%n",
                            kind.label,
                            threads,
                            Long.parseLong(field(result, "cpuNanos")),
                            Long.parseLong(field(result, "bytes"))));
                }
            }
        }
        if (kinds.contains(Client.Kind.ORDER_ANALYTICS_REFUNDS)) {
            io.github.orderanalytics.posthog.PostHogEventMapper mapper =
                    io.github.orderanalytics.posthog.PostHogEventMapper.create(
                            io.github.orderanalytics.posthog.PostHogConfig.builder()
                                    .build());
            md.append(String.format(
                    Locale.ROOT,
                    "%n*order-analytics, orderRefunded*: a refund of the same size as the order (same amount, tax,"
                            + " shipping, items and property; a refund id and reason for the subtotal, discount and"
                            + " coupon). On the wire the order_placed event is %,d bytes, the order_refunded %,d.%n",
                    utf8Length(mapper.encode(Workload.order(0), Workload.identity(0))
                            .json()),
                    utf8Length(mapper.encode(Workload.refund(0), Workload.identity(0))
                            .json())));
        }
        md.append('\n');
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    // ---- end-to-end throughput ---------------------------------------------------------------

    private static void throughput(StringBuilder md) throws Exception {
        md.append("## End-to-end throughput\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d events from one calling thread, as fast as it goes, to the ",
                        THROUGHPUT_EVENTS))
                .append("local endpoint; each client in a JVM of its own. Events/s counts from the first call to the ")
                .append("last event received. *lost*: never received (dropped by a bounded queue, or never sent). ")
                .append("*client CPU*: CPU time of the client's JVM per 1,000 events received (the caller, the ")
                .append(
                        "background threads, GC and JIT together); *endpoint CPU*: the same for the endpoint's JVM.\n\n")
                .append("*× floor*: events/s as a ratio to the floor client's in this run (")
                .append("`FloorClient`: a speed ceiling that validates, bounds and retries nothing).\n\n")
                .append(
                        "| client | settings | events/s | × floor | requests | events lost | client CPU, ms/1k events | endpoint CPU, ms/1k events |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        /** One measured cell; its ratio to the floor is known only once the floor has run. */
        record Row(
                String client,
                String settings,
                double eventsPerSecond,
                long requests,
                long lost,
                double clientCpu,
                double endpointCpu) {}
        List<Row> rows = new ArrayList<>();
        double floor = Double.NaN;
        for (Client.Kind kind : kinds()) {
            for (boolean tuned : new boolean[] {false, true}) {
                if (tuned && (kind == Client.Kind.POSTHOG_JAVA || kind == Client.Kind.FLOOR)) {
                    continue; // nothing to tune: see the settings column
                }
                try (CountingSink sink = new CountingSink()) {
                    long sinkCpuBefore = ScenarioMain.cpuMillis();
                    ScenarioJvm child = ScenarioJvm.start("throughput", kind, sink.host(), tuned, THROUGHPUT_EVENTS);
                    long started =
                            Long.parseLong(child.awaitLine("started ", 60).substring("started ".length()));
                    System.out.println(kind + " tuned=" + tuned + ": " + child.awaitLine("result ", 600));
                    awaitQuiet(sink, THROUGHPUT_EVENTS, 30_000, 600_000);
                    long sinkCpu = ScenarioMain.cpuMillis() - sinkCpuBefore;
                    child.send("cpu");
                    long clientCpu = Long.parseLong(field(child.awaitLine("cpu ", 60), "millis"));
                    child.kill();
                    long received = sink.events.get();
                    double seconds = (sink.lastEventMillis.get() - started) / 1000.0;
                    double perK = Math.max(1, received) / 1000.0;
                    if (kind == Client.Kind.FLOOR) {
                        floor = received / seconds;
                    }
                    rows.add(new Row(
                            kind.label,
                            tuned
                                    ? "tuned: " + Client.tuning(kind)
                                    : kind == Client.Kind.POSTHOG_JAVA || kind == Client.Kind.FLOOR
                                            ? "defaults (" + Client.tuning(kind) + ")"
                                            : "defaults",
                            received / seconds,
                            sink.requests.get(),
                            THROUGHPUT_EVENTS - received,
                            clientCpu / perK,
                            sinkCpu / perK));
                }
            }
        }
        for (Row row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %.2f | %,d | %,d | %,.1f | %,.1f |%n",
                    row.client(),
                    row.settings(),
                    row.eventsPerSecond(),
                    row.eventsPerSecond() / floor,
                    row.requests(),
                    row.lost(),
                    row.clientCpu(),
                    row.endpointCpu()));
        }
        md.append('\n');
    }

    /** The clients to measure: all, unless {@code -Dbench.clients=ORDER_ANALYTICS,...} narrows it down. */
    private static List<Client.Kind> kinds() {
        List<Client.Kind> kinds = new ArrayList<>();
        for (String name : System.getProperty("bench.clients", "FLOOR,ORDER_ANALYTICS,POSTHOG_JAVA,POSTHOG_SERVER")
                .split(",")) {
            kinds.add(Client.Kind.valueOf(name.trim()));
        }
        return kinds;
    }

    /** Waits until {@code expected} events arrived, or none arrived for {@code quietMillis}. */
    private static void awaitQuiet(CountingSink sink, long expected, long quietMillis, long maxMillis) {
        long deadline = System.currentTimeMillis() + maxMillis;
        long last = -1;
        long lastChange = System.currentTimeMillis();
        while (sink.events.get() < expected && System.currentTimeMillis() < deadline) {
            long now = sink.events.get();
            if (now != last) {
                last = now;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > quietMillis) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    // ---- drain on shutdown -------------------------------------------------------------------

    private static void drain(StringBuilder md) throws Exception {
        md.append("## Drain on shutdown\n\n")
                .append(String.format(Locale.ROOT, "%,d events captured with default settings, then ", DRAIN_EVENTS))
                .append(
                        "`close()` / `shutdown()` at once and `main` returns. *received when close returned*: what the ")
                .append("endpoint had at that moment; *received in the end*: after the JVM exited, or 15 s.\n\n")
                .append(
                        "| client | close took, ms | received when close returned | received in the end | JVM exited by itself |\n")
                .append("|---|---:|---:|---:|---|\n");
        for (Client.Kind kind : kinds()) {
            if (kind == Client.Kind.FLOOR) {
                continue; // it promises nothing on shutdown
            }
            try (CountingSink sink = new CountingSink()) {
                ScenarioJvm child = ScenarioJvm.start("drain", kind, sink.host(), false, DRAIN_EVENTS);
                String result = child.awaitLine("result ", 120);
                long atClose = sink.events.get();
                boolean exited = child.process.waitFor(15, TimeUnit.SECONDS);
                long end = sink.events.get();
                child.kill();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %,d | %,d | %s |%n",
                        kind.label,
                        field(result, "closeMillis"),
                        atClose,
                        end,
                        exited ? "yes" : "no (still alive after 15 s)"));
            }
        }
        md.append('\n');
    }

    // ---- outage memory -----------------------------------------------------------------------

    private static void outage(StringBuilder md) throws Exception {
        md.append("## Outage\n\n")
                .append("After a warm-up against the live endpoint, it refuses connections for ")
                .append(OUTAGE_SECONDS)
                .append(
                        " s while 5,000 events/s are offered from one thread, default settings. *retained heap*: used heap ")
                .append("after GC at the end, less the same before the outage. *longest GC pause*: the longest ")
                .append("collection in the outage, which a call is slowed by if it is under way then. The floor ")
                .append("client keeps nothing that failed, so its pauses are what this machine and JVM cost any ")
                .append("caller.\n\n")
                .append("| client | retained heap, MB | longest GC pause, ms | slowest call, µs | p99.9 call, µs "
                        + "| median call, µs |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Client.Kind kind : kinds()) { // the floor too: it drops what fails, so its pauses are the machine's
            try (CountingSink sink = new CountingSink()) {
                ScenarioJvm child = ScenarioJvm.start("outage", kind, sink.host(), false, OUTAGE_SECONDS);
                child.awaitLine("warm", 120);
                sink.down();
                child.send("go");
                String result = child.awaitLine("result ", OUTAGE_SECONDS + 120);
                child.kill();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.1f | %d | %,.0f | %,.1f | %,.1f |%n",
                        kind.label,
                        Long.parseLong(field(result, "retainedBytes")) / 1e6,
                        Long.parseLong(field(result, "longestGcPauseMillis")),
                        Long.parseLong(field(result, "maxCallNanos")) / 1e3,
                        Long.parseLong(field(result, "p999CallNanos")) / 1e3,
                        Long.parseLong(field(result, "p50CallNanos")) / 1e3));
            }
        }
        md.append('\n');
    }

    private static String field(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException(key + " missing in " + line);
    }
}
