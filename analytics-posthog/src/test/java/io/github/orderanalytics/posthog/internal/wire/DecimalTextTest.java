package io.github.orderanalytics.posthog.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The digits written are {@code toPlainString()}'s, on the fast path and off it. */
class DecimalTextTest {
    /** As the event writer's factory is set up: Jackson writes decimals without exponents. */
    private static final JsonFactory PLAIN = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static String written(BigDecimal value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = PLAIN.createGenerator(out)) {
            g.writeStartArray();
            DecimalText.write(g, value);
            DecimalText.write(g, value); // a second value gets its comma: the generator saw a value
            g.writeEndArray();
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "0.00",
                "0.05",
                "-0.05",
                "49.99",
                "-20.01",
                "100",
                "1.234",
                "0.000000001",
                "-0.000000009",
                "999999999999999999",
                "-999999999999999999",
                "123456789.123456789",
                "1234567890123.45",
                // off the fast path: to Jackson as before
                "1E+3",
                "0.0000000001",
                "1234567890123456789",
                "-12345678901234567890.5"
            })
    void writesWhatToPlainStringWrites(String decimal) throws IOException {
        BigDecimal value = new BigDecimal(decimal);
        String plain = value.toPlainString();

        assertThat(written(value)).isEqualTo("[" + plain + "," + plain + "]");
    }

    @Property(tries = 2000)
    void anyAmountAtAnyMoneyScale(
            @ForAll @LongRange(min = -999_999_999_999_999_999L, max = 999_999_999_999_999_999L) long unscaled,
            @ForAll @IntRange(min = 0, max = 9) int scale)
            throws IOException {
        BigDecimal value = new BigDecimal(BigInteger.valueOf(unscaled), scale);
        String plain = value.toPlainString();

        assertThat(written(value)).isEqualTo("[" + plain + "," + plain + "]");
    }
}
