package io.github.orderanalytics.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of the README and the guides compiles against this build, as a reader would
 * paste it. A block is compiled inside a class that imports the library's packages; statements go into
 * a method, declarations into the class body. What a block takes for granted ({@code dataSource}, the
 * shop's {@code orders}) is declared in an HTML comment just before it, {@code <!-- given: ... -->},
 * which the rendered page does not show. The testing guide's two complete tests are the testkit's
 * {@code readme/} tests word for word ({@code ReadmeExampleTest}) and compile there.
 */
class DocumentedJavaTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK =
            Pattern.compile("(?:<!-- given:(?<given>.*?)-->\\s*\\n)?```java\\n(?<code>.*?)\\n```", Pattern.DOTALL);
    private static final Pattern DECLARATION =
            Pattern.compile("^(@|(public|protected|private|static|final|abstract|class|record|interface)\\b)");

    private static final String IMPORTS = String.join(
            "\n",
            "import io.github.orderanalytics.*;",
            "import io.github.orderanalytics.posthog.*;",
            "import io.github.orderanalytics.posthog.reconcile.*;",
            "import io.github.orderanalytics.posthogjava.*;",
            "import io.github.orderanalytics.outbox.*;",
            "import io.github.orderanalytics.micrometer.*;",
            "import io.github.orderanalytics.spring.*;",
            "import io.github.orderanalytics.spring.browser.*;",
            "import io.github.orderanalytics.testkit.*;",
            "import io.github.orderanalytics.testkit.spring.*;",
            "import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;",
            "import com.posthog.java.PostHog;",
            "import io.micrometer.core.instrument.MeterRegistry;",
            "import jakarta.servlet.http.HttpServletRequest;",
            "import java.net.*;",
            "import java.net.http.HttpClient;",
            "import java.sql.Connection;",
            "import java.time.*;",
            "import java.util.List;",
            "import java.util.UUID;",
            "import java.util.stream.Stream;",
            "import javax.sql.DataSource;",
            "import org.junit.jupiter.api.Test;",
            "import org.junit.jupiter.api.extension.RegisterExtension;",
            "import org.springframework.beans.factory.annotation.Autowired;",
            "import org.springframework.boot.test.context.SpringBootTest;",
            "import org.springframework.context.ApplicationEventPublisher;",
            "import org.springframework.transaction.annotation.Transactional;",
            "");

    record Snippet(String file, int line, String given, String code) {
        String name() {
            return file + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return snippets().stream()
                .filter(s -> !isACompiledTestOfTheTestkit(s))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> assertCompiles(s)));
    }

    /** The harness can fail: a block that does not compile is reported with javac's message. */
    @Test
    void aBlockThatDoesNotCompileFails() {
        Snippet broken = new Snippet("test", 1, "", "Order order = Order.builder(\"ord_1\");");

        assertThat(compile(broken)).contains("cannot be applied to given types");
    }

    @Test
    void theDocsHaveJavaBlocks() throws IOException {
        assertThat(snippets()).hasSizeGreaterThan(10);
    }

    private static List<Snippet> snippets() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start("code"))
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
                String given = m.group("given") == null ? "" : m.group("given");
                snippets.add(new Snippet(ROOT.relativize(document).toString(), line, given, m.group("code")));
            }
        }
        return snippets;
    }

    private static boolean isACompiledTestOfTheTestkit(Snippet s) {
        return s.code().contains("class CheckoutServiceTest {")
                || s.code().contains("class MockitoCheckoutServiceTest {");
    }

    private static void assertCompiles(Snippet s) {
        assertThat(compile(s)).as("%s does not compile", s.name()).isEmpty();
    }

    /** javac's errors for the snippet, empty if it compiles. */
    private static String compile(Snippet s) {
        String first = s.code()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .findFirst()
                .orElse("");
        String body =
                DECLARATION.matcher(first).find() ? s.code() : "void snippet() throws Exception {\n" + s.code() + "\n}";
        String source = IMPORTS + "\nclass Snippet {\n" + s.given() + "\n" + body + "\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path out = Files.createTempDirectory("snippet");
            boolean ok = javac.getTask(
                            new StringWriter(),
                            files,
                            diagnostics,
                            List.of(
                                    "-d",
                                    out.toString(),
                                    "-proc:none",
                                    "-classpath",
                                    System.getProperty("java.class.path")),
                            null,
                            List.of(new Source(source)))
                    .call();
            if (ok) {
                return "";
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder errors = new StringBuilder();
        diagnostics
                .getDiagnostics()
                .forEach(d -> errors.append("line ")
                        .append(d.getLineNumber())
                        .append(": ")
                        .append(d.getMessage(Locale.ROOT))
                        .append('\n'));
        return errors + "\n" + source;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
