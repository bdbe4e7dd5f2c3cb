package io.github.orderanalytics.posthog.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a decimal as JSON from its digits: every event has nine amounts or so, and Jackson would make
 * each one a {@code toPlainString()} first (a StringBuilder, a String and its bytes). Money's amounts have
 * at most three decimals and fit in a long, which is all this handles itself; anything else goes to
 * Jackson as before. The text is exactly {@code toPlainString()}.
 */
final class DecimalText {
    /** Scales and digit counts this writes itself; beyond, Jackson does. */
    private static final int MAX_SCALE = 9;

    private static final int MAX_PRECISION = 18;

    private DecimalText() {}

    static void write(JsonGenerator g, BigDecimal value) throws IOException {
        int scale = value.scale();
        if (scale < 0 || scale > MAX_SCALE || value.precision() > MAX_PRECISION) {
            g.writeNumber(value);
            return;
        }
        // scale 0 and compact: no BigInteger is made, and longValueExact reads the digits as they are
        long unscaled = value.scaleByPowerOfTen(scale).longValueExact();
        char[] text = new char[MAX_PRECISION + 3]; // sign, a leading "0", the point
        int end = text.length;
        int at = end;
        long rest = Math.abs(unscaled);
        for (int i = 0; i < scale; i++) {
            text[--at] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        if (scale > 0) {
            text[--at] = '.';
        }
        do {
            text[--at] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        if (unscaled < 0) {
            text[--at] = '-';
        }
        g.writeRawValue(text, at, end - at);
    }
}
