package io.github.orderanalytics.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real MariaDB server for tests and benchmarks, never the machine's own service: Debian's {@code
 * mariadb-server} binaries (which {@code .ci/run} installs when missing) run as a private process on a
 * temporary data directory and a free port, stopped and deleted when the JVM ends. Without the binaries
 * there is none, and the caller says so ({@link #NOT_INSTALLED}): tests skip, benchmarks leave it out.
 *
 * @param directory the server's temporary directory: data, socket and logs
 * @param port the port it listens on, on 127.0.0.1
 * @param process the server's process
 */
public record MariaDbServer(Path directory, int port, Process process) implements AutoCloseable {
    /** Why there is no server, for a skipped test or a report. */
    public static final String NOT_INSTALLED =
            "no MariaDB server on this machine (apt-get install mariadb-server; .ci/run does)";

    private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd");
    private static final List<String> INSTALLERS = List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");

    private static MariaDbServer shared;

    /**
     * The tests' server, started on first use and shared by the JVM's tests: commits reach the log but
     * not the disk at once ({@code innodb-flush-log-at-trx-commit=2}), which no test can tell from
     * durable. Empty when MariaDB is not installed.
     */
    public static synchronized Optional<MariaDbServer> shared() {
        if (shared == null && isInstalled()) {
            shared = start(List.of("--innodb-flush-log-at-trx-commit=2"));
        }
        return Optional.ofNullable(shared);
    }

    /** Whether this machine has the MariaDB binaries. */
    public static boolean isInstalled() {
        return firstExisting(SERVERS).isPresent() && firstExisting(INSTALLERS).isPresent();
    }

    /**
     * A server of its own with these extra server options (a benchmark's settings, say); {@link #close()}
     * stops it. Requires {@link #isInstalled()}.
     */
    public static MariaDbServer start(List<String> options) {
        return start(
                firstExisting(SERVERS).orElseThrow(() -> new IllegalStateException(NOT_INSTALLED)),
                firstExisting(INSTALLERS).orElseThrow(() -> new IllegalStateException(NOT_INSTALLED)),
                options);
    }

    /** A JDBC URL of the database {@code outbox} for {@code driver} ("mariadb" or "mysql"). */
    public String url(String driver) {
        return "jdbc:" + driver + "://127.0.0.1:" + port + "/outbox";
    }

    private static MariaDbServer start(String server, String installer, List<String> options) {
        try {
            Path directory = Files.createTempDirectory("order-analytics-mariadb");
            Path data = directory.resolve("data");
            String user = System.getProperty("user.name");
            run(
                    List.of(
                            installer,
                            "--no-defaults",
                            "--datadir=" + data,
                            "--user=" + user,
                            "--auth-root-authentication-method=normal",
                            "--skip-test-db"),
                    directory.resolve("install.log"));
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(
                            server,
                            "--no-defaults",
                            "--datadir=" + data,
                            "--user=" + user,
                            "--port=" + port,
                            "--bind-address=127.0.0.1",
                            "--socket=" + directory.resolve("mariadb.sock"),
                            "--pid-file=" + directory.resolve("mariadb.pid"),
                            // the tests' own server: nobody else can reach it, and no password is needed
                            "--skip-grant-tables",
                            "--innodb-buffer-pool-size=256M",
                            "--max-connections=200"));
            command.addAll(options);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile())
                    .start();
            MariaDbServer started = new MariaDbServer(directory, port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!started.ready()) { // a condition with a deadline; the server takes a second or two
                if (System.nanoTime() > deadline) {
                    started.close();
                    throw new IllegalStateException("MariaDB on port " + port + " did not answer within 60 s; see "
                            + directory.resolve("server.log"));
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server answers; creates the test database on the first answer. */
    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "MariaDB exited with " + process.exitValue() + "; see " + directory.resolve("server.log"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS outbox CHARACTER SET utf8mb4");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary directory; the machine cleans it up
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing MariaDB", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Optional<String> firstExisting(List<String> paths) {
        return paths.stream().filter(p -> Files.isExecutable(Paths.get(p))).findFirst();
    }
}
