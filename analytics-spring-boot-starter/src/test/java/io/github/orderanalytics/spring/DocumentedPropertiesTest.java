package io.github.orderanalytics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every {@code properties} snippet of the README and the guides, read as a {@code .properties} file is
 * and bound to the starter's properties with Boot's own binder: a snippet a user copies must start.
 */
class DocumentedPropertiesTest {
    private static final Pattern BLOCK = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyPropertiesSnippetBindsAndNoValueCarriesAComment() throws IOException {
        List<String> snippets = new ArrayList<>();
        List<Path> documents = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> guides = Files.list(Path.of("../docs"))) {
            // the Quarkus guide's snippets are Quarkus's, bound by the extension's own test
            guides.filter(p -> p.toString().endsWith(".md") && !p.endsWith("quarkus.md"))
                    .forEach(documents::add);
        }
        for (Path document : documents) {
            Matcher m = BLOCK.matcher(Files.readString(document));
            while (m.find()) {
                snippets.add(document.getFileName() + ":\n" + m.group(1));
            }
        }
        assertThat(snippets).as("properties snippets found").hasSizeGreaterThanOrEqualTo(2);

        for (String snippet : snippets) {
            Properties read = new Properties();
            read.load(new StringReader(snippet.substring(snippet.indexOf('\n') + 1)));
            Map<String, Object> values = new java.util.HashMap<>();
            read.forEach((k, v) -> values.put(k.toString(), v));
            assertThat(values.values())
                    .as("a comment after a value is part of it, in %s", snippet)
                    .allSatisfy(v -> assertThat(v.toString()).doesNotContain(" #"));
            assertThat(values.values())
                    .as("a ${placeholder} binds as its literal text when the variable is unset, in %s", snippet)
                    .allSatisfy(v -> assertThat(v.toString()).doesNotContain("${"));
            OrderAnalyticsProperties bound = new Binder(new MapConfigurationPropertySource(values))
                    .bindOrCreate("order-analytics", OrderAnalyticsProperties.class);
            assertThat(bound).as(snippet).isNotNull();
            if (values.containsKey("order-analytics.posthog.host")) {
                assertThat(bound.getPosthog().toConfig(Map.of())).as(snippet).isNotNull();
            }
        }
    }
}
