package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of the testing guide ({@code docs/testing.md}) are the tests in {@code readme/}, word for word. */
class ReadmeExampleTest {

    @ParameterizedTest
    @ValueSource(strings = {"CheckoutService.java", "CheckoutServiceTest.java", "MockitoCheckoutServiceTest.java"})
    void theReadmeShowsTheCompiledExample(String file) throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/github/orderanalytics/testkit/readme", file));
        String example = test.substring(
                test.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(), test.indexOf("// README-END"));
        String readme = Files.readString(Path.of("../docs/testing.md"));

        assertThat(readme)
                .as("docs/testing.md must show readme/" + file + " between its markers")
                .contains(example);
    }
}
