package io.github.orderanalytics.posthog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes a percent-encoded cookie value stands for (posthog-js writes its cookie with {@code
 * encodeURIComponent}), decoded only as far as the JSON parser reads: it stops once it has the distinct id
 * and session near the front, and decoding the rest was half the cost of reading the cookie. Unlike a
 * form, a cookie keeps {@code +} as it is. Throws on a malformed escape or a character a browser does not
 * put in a cookie, which the caller takes as "no context".
 */
final class PercentDecodedCookie extends InputStream {
    /** Small reads, so that a parser that stops early has not paid for the rest. */
    private static final int CHUNK = 128;

    private static final byte[] HEX_DIGITS = new byte['f' + 1];

    static {
        Arrays.fill(HEX_DIGITS, (byte) -1);
        for (int i = 0; i < 16; i++) {
            HEX_DIGITS[Character.forDigit(i, 16)] = (byte) i;
            HEX_DIGITS[Character.toUpperCase(Character.forDigit(i, 16))] = (byte) i;
        }
    }

    private final String header;
    private final int to;
    private int at;

    /** The value at {@code header[from, to)}; spaces around it stay, as JSON ignores them. */
    PercentDecodedCookie(String header, int from, int to) {
        this.header = header;
        this.at = from;
        this.to = to;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (at >= to) {
            return -1;
        }
        int n = off;
        int end = off + Math.min(len, CHUNK);
        while (n < end && at < to) {
            char c = header.charAt(at);
            if (c >= 0x80) {
                throw new IOException("a character that is not ASCII at " + at);
            }
            if (c == '%') {
                int hi = at + 2 < to ? hexDigit(header.charAt(at + 1)) : -1;
                int lo = hi < 0 ? -1 : hexDigit(header.charAt(at + 2));
                if (lo < 0) {
                    throw new IOException("a malformed percent-escape at " + at);
                }
                out[n++] = (byte) (hi << 4 | lo);
                at += 3;
            } else {
                out[n++] = (byte) c;
                at++;
            }
        }
        return n - off;
    }

    /** A table: {@code Character.digit} weighs every Unicode digit, and this runs once a character. */
    private static int hexDigit(char c) {
        return c < HEX_DIGITS.length ? HEX_DIGITS[c] : -1;
    }
}
