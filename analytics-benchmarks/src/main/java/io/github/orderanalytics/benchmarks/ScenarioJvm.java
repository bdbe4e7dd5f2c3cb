package io.github.orderanalytics.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A scenario JVM started by {@link BenchmarkSuite}, and its output, line by line. */
final class ScenarioJvm {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ScenarioJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static ScenarioJvm start(String scenario, Client.Kind kind, String host, boolean tuned, int n) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms2g", "-Xmx2g"));
        String extra = System.getProperty("bench.childJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a profiler, to see where time goes
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ScenarioMain.class.getName(),
                scenario,
                kind.name(),
                host,
                String.valueOf(tuned),
                String.valueOf(n)));
        return new ScenarioJvm(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    String awaitLine(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("no line starting '" + prefix + "' within " + seconds + " s");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    void kill() throws InterruptedException {
        process.destroy(); // SIGTERM first, so a profiler attached through bench.childJvmArgs can write its file
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
