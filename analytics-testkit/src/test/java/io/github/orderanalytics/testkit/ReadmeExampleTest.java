package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example in the README is the test in {@code readme/CheckoutServiceTest.java}, word for word. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheCompiledExample() throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/io/github/orderanalytics/testkit/readme/CheckoutServiceTest.java"));
        String example = test.substring(
                test.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(), test.indexOf("// README-END"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme)
                .as("README.md must show readme/CheckoutServiceTest.java between its markers")
                .contains(example);
    }
}
