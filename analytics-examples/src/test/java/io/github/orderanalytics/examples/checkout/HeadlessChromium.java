package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.testsupport.NpmPackage;
import io.github.orderanalytics.testsupport.Skip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real browser and the real posthog-js for the browser tests: Debian's Chromium (installed by
 * {@code .ci/run}) and posthog-js at a pinned version from the npm registry, checked against the
 * registry's published digest and unpacked under {@code target/}. Without either, the tests are
 * skipped, saying why.
 */
final class HeadlessChromium {
    static final String POSTHOG_JS_VERSION = "1.449.2";

    /** posthog-js at that version, with the npm registry's {@code dist.integrity} of it. */
    private static final NpmPackage POSTHOG_JS = new NpmPackage(
            "posthog-js",
            POSTHOG_JS_VERSION,
            "vji+h92IHaLlFSEnRH1hwe8uLWGOdDUImmPXexj/+V7Xm7HTxIQisYE/Kom7Aaw4DRpzfdhQxiyAN1YVYR4G8Q==");

    private static final Pattern RESULT = Pattern.compile("<pre id=\"result\">(.*?)</pre>", Pattern.DOTALL);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    private final Path chromium;

    private HeadlessChromium(Path chromium) {
        this.chromium = chromium;
    }

    /** The machine's Chromium, or the test is skipped with a message that says how to get it. */
    static HeadlessChromium findOrSkip() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("CHROMIUM");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        candidates.add(Path.of("/usr/bin/chromium-browser"));
        Path found = candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Skip.unless(
                found != null,
                "browser tests skipped: no Chromium at " + candidates
                        + " (.ci/run installs Debian's chromium and chromium-driver; or set CHROMIUM to a binary)");
        return new HeadlessChromium(found);
    }

    /**
     * A directory holding {@code posthog-js/array.full.js}, fetched once into {@code target/}; the test
     * is skipped if the npm registry cannot be reached.
     */
    static Path posthogJsOrSkip() throws IOException, InterruptedException {
        Path root = Path.of("target", "posthog-js-" + POSTHOG_JS_VERSION).toAbsolutePath();
        Path bundle = root.resolve("posthog-js").resolve("array.full.js");
        if (Files.isRegularFile(bundle)) {
            return root;
        }
        Path unpacked;
        try {
            unpacked = POSTHOG_JS.unpack(root.resolve("package"), "dist/array.full.js");
        } catch (IOException e) {
            Skip.because("browser tests skipped: " + POSTHOG_JS + " could not be fetched from " + POSTHOG_JS.tarball()
                    + ": " + e);
            throw e;
        }
        Files.createDirectories(bundle.getParent());
        Files.copy(unpacked.resolve("dist/array.full.js"), bundle);
        return root;
    }

    /**
     * Opens {@code url} headless, runs its scripts to completion and returns the page's {@code
     * <pre id="result">} text, once the page has written it.
     */
    String run(String url, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Process process = new ProcessBuilder(
                        chromium.toString(),
                        "--headless=new",
                        "--no-sandbox", // as root, as CI runs
                        "--disable-gpu",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=15000",
                        "--dump-dom",
                        url)
                .redirectError(workDir.resolve("chromium.log").toFile())
                .redirectOutput(profile.resolve("dom.html").toFile())
                .start();
        if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not finish " + url + " within " + RUN_LIMIT);
        }
        String dom = Files.readString(profile.resolve("dom.html"));
        Matcher m = RESULT.matcher(dom);
        if (!m.find()) {
            throw new IOException("the page has no result; Chromium printed: " + dom);
        }
        return m.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    }
}
