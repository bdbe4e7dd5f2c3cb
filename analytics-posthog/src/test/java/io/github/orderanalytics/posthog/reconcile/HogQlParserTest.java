package io.github.orderanalytics.posthog.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.orderanalytics.testsupport.NpmPackage;
import io.github.orderanalytics.testsupport.Skip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query text the reconciler sends, parsed by PostHog's own HogQL parser: npm {@code
 * @posthog/hogql-parser}, the WebAssembly build of the C++ parser PostHog runs, under the machine's
 * Node. Skipped, saying why, without Node or the npm registry.
 */
class HogQlParserTest {
    private static final NpmPackage PARSER = new NpmPackage(
            "@posthog/hogql-parser",
            "1.3.87",
            "2VsUimaLUcEIknQ4UtFPGKSt5WyqT/Mm3zabazMch29e0COh0SJuuDhXLAFvGM/zj1rZYnx/KJZ0W189ZMuKPA==");

    /** Reads a JSON array of queries on stdin, prints one line per query: the parser's JSON. */
    private static final String SCRIPT = """
            const create = require(process.argv[2]);
            let input = '';
            process.stdin.on('data', d => input += d);
            process.stdin.on('end', async () => {
              const parser = await (create.default || create)();
              for (const q of JSON.parse(input)) {
                process.stdout.write(parser.parseSelect(q).replace(/\\n/g, ' ') + '\\n');
              }
            });
            """;

    private static Path parser;
    private static String node;

    @BeforeAll
    static void parserAndNode() throws Exception {
        node = findNode();
        Skip.unless(node != null, "HogQL parser tests skipped: no node on PATH (Debian's nodejs, or set NODE)");
        Path dir = Path.of("target", "hogql-parser-1.3.87").toAbsolutePath();
        try {
            parser = PARSER.unpack(dir, "dist/index.cjs", "dist/hogql_parser_wasm.cjs");
        } catch (IOException e) {
            Skip.because("HogQL parser tests skipped: " + PARSER + " could not be fetched: " + e);
        }
        Files.writeString(dir.resolve("parse.cjs"), SCRIPT);
    }

    private static String findNode() throws InterruptedException {
        String configured = System.getenv("NODE");
        for (String candidate : configured != null ? List.of(configured) : List.of("node", "nodejs")) {
            try {
                Process p = new ProcessBuilder(candidate, "--version")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    /** The parser's answer to each query, as JSON text. */
    private static List<String> parse(List<String> queries) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartArray();
            for (String q : queries) {
                g.writeString(q);
            }
            g.writeEndArray();
        }
        Process p = new ProcessBuilder(
                        node,
                        parser.resolve("parse.cjs").toString(),
                        parser.resolve("dist/index.cjs").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().write(json.toByteArray());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node's exit code").isZero();
        List<String> lines = new ArrayList<>(out.lines().toList());
        assertThat(lines).hasSize(queries.size());
        return lines;
    }

    @Test
    void everyQueryTheReconcilerSendsIsValidHogQl() throws Exception {
        List<String> queries = List.of(
                StoredEventsQuery.text(PostHogReconciler.DEFAULT_PAGE_SIZE),
                StoredEventsQuery.text(1),
                StoredEventsQuery.text(100_000));

        List<String> parsed = parse(queries);

        assertThat(parsed).allSatisfy(ast -> {
            assertThat(ast).doesNotContain("\"error\":true").contains("\"node\":\"SelectQuery\"");
            assertThat(ast).as("the shop's values are placeholders").contains("\"node\":\"Placeholder\"");
            assertThat(ast).as("no OFFSET clause").doesNotContain("\"offset\":{");
            assertThat(ast).as("no FINAL").contains("\"table_final\":null");
        });
    }

    /** The harness can fail: the same parser refuses what PostHog would refuse to parse. */
    @Test
    void theParserRefusesBrokenText() throws Exception {
        String broken = StoredEventsQuery.text(10).replace("ORDER BY", "ORDER");

        assertThat(parse(List.of(broken)).get(0)).contains("\"error\":true");
    }
}
