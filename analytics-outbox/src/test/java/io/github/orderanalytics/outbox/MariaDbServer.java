package io.github.orderanalytics.outbox;

import io.github.orderanalytics.testsupport.Await;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MariaDB server for the tests, never the machine's own service: Debian's {@code mariadb-server}
 * binaries (which {@code .ci/run} installs when missing) run as a private process on a temporary data
 * directory and a free port, started once per JVM and stopped when it ends. Without the binaries the
 * tests that need it are skipped, saying so.
 */
final class MariaDbServer {
    private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd");
    private static final List<String> INSTALLERS = List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db");

    private static MariaDbServer running;

    private final Path directory;
    private final int port;
    private final Process process;

    private MariaDbServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** The running server, started on first use; skips the calling test when MariaDB is not installed. */
    static synchronized MariaDbServer get() {
        Optional<String> server = firstExisting(SERVERS);
        Optional<String> installer = firstExisting(INSTALLERS);
        Assumptions.assumeTrue(
                server.isPresent() && installer.isPresent(),
                "MariaDB tests skipped: no mariadbd on this machine (apt-get install mariadb-server; .ci/run does)");
        if (running == null) {
            running = start(server.get(), installer.get());
        }
        return running;
    }

    /** A JDBC URL of the test database for {@code driver} ("mariadb" or "mysql"). */
    String url(String driver) {
        return "jdbc:" + driver + "://127.0.0.1:" + port + "/outbox";
    }

    private static MariaDbServer start(String server, String installer) {
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
            Process process = new ProcessBuilder(
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
                            "--innodb-flush-log-at-trx-commit=2",
                            "--max-connections=200")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile())
                    .start();
            MariaDbServer started = new MariaDbServer(directory, port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            Await.until(
                    () -> started.ready(),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(100),
                    () -> "MariaDB on port " + port + " (log: " + directory.resolve("server.log") + ")");
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

    private void stop() {
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
