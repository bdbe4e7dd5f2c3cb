package io.github.orderanalytics.quarkus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.quarkus.OrderAnalyticsConfig;
import io.github.orderanalytics.testsupport.DocumentedJava;
import io.github.orderanalytics.testsupport.DocumentedJava.Snippet;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Quarkus guide as a reader pastes it: each {@code java} block compiles against Quarkus and the
 * extension, and each {@code properties} block maps onto {@link OrderAnalyticsConfig} with SmallRye
 * Config, which refuses a key it does not know and a value it cannot convert, as the application would.
 */
class DocumentedQuarkusGuideTest {
    private static final Path ROOT = Path.of("..");
    private static final Path GUIDE = ROOT.resolve("docs/quarkus.md");
    private static final Pattern PROPERTIES = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL);

    private static final String IMPORTS = String.join(
            "\n",
            "import io.github.orderanalytics.*;",
            "import io.github.orderanalytics.posthog.*;",
            "import io.github.orderanalytics.quarkus.*;",
            "import io.github.orderanalytics.testkit.*;",
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import java.time.Duration;",
            "import org.junit.jupiter.api.Test;",
            "");

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return javaBlocks().stream()
                .map(s -> DynamicTest.dynamicTest(
                        s.name(),
                        () -> assertThat(DocumentedJava.compile(s, IMPORTS))
                                .as("%s does not compile", s.name())
                                .isEmpty()));
    }

    @Test
    void theGuideHasJavaAndPropertiesBlocks() throws IOException {
        assertThat(javaBlocks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(propertiesBlocks()).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyPropertiesBlockMapsOntoTheConfiguration() throws IOException {
        return propertiesBlocks().stream()
                .map(block -> DynamicTest.dynamicTest(block.lines().findFirst().orElse(""), () -> assertMaps(block)));
    }

    /** The mapping can fail: a misspelt key is refused. */
    @Test
    void anUnknownKeyIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertMaps("order-analytics.outbox.enable=true\n"))
                .hasMessageContaining("order-analytics.outbox.enable");
    }

    private static void assertMaps(String block) throws IOException {
        Properties read = new Properties();
        read.load(new StringReader(block));
        Map<String, String> values = new HashMap<>();
        read.forEach((k, v) -> values.put(k.toString(), v.toString()));
        assertThat(values.values())
                .as("a comment after a value is part of it, in %s", block)
                .allSatisfy(v -> assertThat(v).doesNotContain(" #"));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OrderAnalyticsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(values, "docs/quarkus.md", 100))
                .build();
        OrderAnalyticsConfig mapped = config.getConfigMapping(OrderAnalyticsConfig.class);
        assertThat(mapped.enabled()).as(block).isNotNull();
    }

    private static List<Snippet> javaBlocks() throws IOException {
        return DocumentedJava.snippets(ROOT, guide -> guide.endsWith("quarkus.md")).stream()
                .filter(s -> s.file().endsWith("quarkus.md"))
                .toList();
    }

    private static List<String> propertiesBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = PROPERTIES.matcher(Files.readString(GUIDE));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
