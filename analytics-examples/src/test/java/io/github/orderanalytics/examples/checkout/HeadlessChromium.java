package io.github.orderanalytics.examples.checkout;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The real browser and the real posthog-js for the browser tests: Debian's Chromium (installed by
 * {@code .ci/run}) and posthog-js at a pinned version from the npm registry, checked against the
 * registry's published digest and unpacked under {@code target/}. Without either, the tests are
 * skipped, saying why.
 */
final class HeadlessChromium {
    static final String POSTHOG_JS_VERSION = "1.449.2";

    /** The npm registry's {@code dist.integrity} of that version. */
    private static final String POSTHOG_JS_SHA512 =
            "vji+h92IHaLlFSEnRH1hwe8uLWGOdDUImmPXexj/+V7Xm7HTxIQisYE/Kom7Aaw4DRpzfdhQxiyAN1YVYR4G8Q==";

    private static final String TARBALL =
            "https://registry.npmjs.org/posthog-js/-/posthog-js-" + POSTHOG_JS_VERSION + ".tgz";
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
        assumeTrue(
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
        byte[] tarball;
        try {
            HttpResponse<byte[]> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(TARBALL))
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assumeTrue(
                    response.statusCode() == 200,
                    "browser tests skipped: " + TARBALL + " answered HTTP " + response.statusCode());
            tarball = response.body();
        } catch (IOException e) {
            assumeTrue(false, "browser tests skipped: posthog-js could not be fetched from " + TARBALL + ": " + e);
            throw e;
        }
        String digest = Base64.getEncoder().encodeToString(sha512(tarball));
        if (!digest.equals(POSTHOG_JS_SHA512)) {
            throw new IOException("posthog-js " + POSTHOG_JS_VERSION + " from the registry has sha512 " + digest
                    + ", not the pinned " + POSTHOG_JS_SHA512);
        }
        byte[] js = entry(tarball, "package/dist/array.full.js");
        Files.createDirectories(bundle.getParent());
        Files.write(bundle, js);
        return root;
    }

    /** One file of a gzipped tar: ustar headers of 512 bytes, each file padded to 512. */
    private static byte[] entry(byte[] tgz, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entryName = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                String prefix = new String(header, 345, 155, StandardCharsets.US_ASCII).replace("\0", "");
                String fullName = prefix.isEmpty() ? entryName : prefix + "/" + entryName;
                long size = Long.parseLong(
                        new String(header, 124, 12, StandardCharsets.US_ASCII)
                                .replace("\0", "")
                                .trim(),
                        8);
                byte[] content = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (fullName.equals(name)) {
                    return content;
                }
            }
        }
        throw new IOException(name + " is not in the posthog-js package");
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
