package io.github.orderanalytics.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testsupport.DocumentedJava;
import io.github.orderanalytics.testsupport.DocumentedJava.Snippet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of the README and the guides compiles against this build, as a reader would
 * paste it ({@link DocumentedJava}). The testing guide's two complete tests are the testkit's {@code
 * readme/} tests word for word ({@code ReadmeExampleTest}) and compile there; the Quarkus guide's blocks
 * compile in the Quarkus extension's tests, against Quarkus.
 */
class DocumentedJavaTest {
    private static final Path ROOT = Path.of("..");

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

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return DocumentedJava.compileEach(
                snippets().stream().filter(s -> !isACompiledTestOfTheTestkit(s)).toList(), IMPORTS);
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
        return DocumentedJava.snippets(ROOT, guide -> !guide.endsWith("quarkus.md"));
    }

    private static boolean isACompiledTestOfTheTestkit(Snippet s) {
        return s.code().contains("class CheckoutService {")
                || s.code().contains("class CheckoutServiceTest {")
                || s.code().contains("class MockitoCheckoutServiceTest {");
    }

    private static String compile(Snippet s) {
        return DocumentedJava.compile(s, IMPORTS);
    }
}
