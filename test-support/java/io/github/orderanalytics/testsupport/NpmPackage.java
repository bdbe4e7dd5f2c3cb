package io.github.orderanalytics.testsupport;

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
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * A package from the npm registry at a pinned version, checked against the registry's published
 * {@code dist.integrity} and unpacked file by file under {@code target/}: the real posthog-js for the
 * browser tests, PostHog's own HogQL parser for the query tests. Fetched once per build directory.
 *
 * @param name the package, for example {@code posthog-js} or {@code @posthog/hogql-parser}
 * @param sha512 the registry's {@code dist.integrity} without its {@code sha512-} prefix
 */
public record NpmPackage(String name, String version, String sha512) {

    /** The registry's address of the tarball. */
    public URI tarball() {
        String bare = name.substring(name.indexOf('/') + 1);
        return URI.create("https://registry.npmjs.org/" + name + "/-/" + bare + "-" + version + ".tgz");
    }

    /**
     * The files {@code entries} of the package (paths inside it, such as {@code dist/index.cjs}) under
     * {@code directory}, fetched and unpacked unless they are there already.
     *
     * @throws IOException if the registry cannot be reached or answers other than 200 (callers skip their
     *     tests then), or, as {@link IllegalStateException}, if the tarball is not the pinned one
     */
    public Path unpack(Path directory, String... entries) throws IOException, InterruptedException {
        boolean all = true;
        for (String entry : entries) {
            all &= Files.isRegularFile(directory.resolve(entry));
        }
        if (all) {
            return directory;
        }
        HttpResponse<byte[]> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(tarball())
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(tarball() + " answered HTTP " + response.statusCode());
        }
        byte[] tgz = response.body();
        String digest = Base64.getEncoder().encodeToString(sha512(tgz));
        if (!digest.equals(sha512)) {
            throw new IllegalStateException(
                    name + " " + version + " from the registry has sha512 " + digest + ", not the pinned " + sha512);
        }
        for (String entry : entries) {
            Path file = directory.resolve(entry);
            Files.createDirectories(file.getParent());
            Files.write(file, entry(tgz, "package/" + entry));
        }
        return directory;
    }

    /** One file of a gzipped tar: ustar headers of 512 bytes, each file padded to 512. */
    private byte[] entry(byte[] tgz, String path) throws IOException {
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
                if (fullName.equals(path)) {
                    return content;
                }
            }
        }
        throw new IOException(path + " is not in the " + name + " package");
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
