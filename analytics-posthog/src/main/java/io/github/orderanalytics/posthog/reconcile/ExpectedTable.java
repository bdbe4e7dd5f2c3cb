package io.github.orderanalytics.posthog.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A slice's expected events, kept compact: by uuid (open addressing over two longs), each with only what
 * a stored event is compared with (kind, a 64-bit hash of the {@code distinct_id}, the amounts as
 * unscaled longs, the currency) and whether PostHog holds it. The shop's own objects are not kept: that
 * is what holds memory to about a hundred bytes an event, whatever the shop's orders weigh, and why the
 * missing events are read again from the shop when they are needed.
 */
final class ExpectedTable {
    static final byte EMPTY = 0;
    static final byte EXPECTED = 1;
    static final byte FOUND = 2;

    /** An amount that is absent (a cancellation's), or too large for a long (kept aside in {@link #large}). */
    static final long NONE = Long.MIN_VALUE;

    static final long LARGE = Long.MIN_VALUE + 1;

    private long[] hi = new long[0];
    private long[] lo;
    private byte[] state;
    private byte[] kind;
    private long[] distinct;
    private long[] total;
    private long[] revenue;
    private byte[] totalScale;
    private byte[] revenueScale;
    private short[] currency;
    private int size;
    private final List<String> currencies = new ArrayList<>();
    private final Map<Long, BigDecimal> large = new HashMap<>();

    ExpectedTable() {
        resize(1024);
    }

    int size() {
        return size;
    }

    int capacity() {
        return hi.length;
    }

    /** The slot of {@code uuid}, or -1. */
    int find(UUID uuid) {
        long h = uuid.getMostSignificantBits();
        long l = uuid.getLeastSignificantBits();
        int mask = hi.length - 1;
        for (int i = spread(h, l) & mask; ; i = (i + 1) & mask) {
            if (state[i] == EMPTY) {
                return -1;
            }
            if (hi[i] == h && lo[i] == l) {
                return i;
            }
        }
    }

    /** Adds {@code uuid} with its fields; false if it is there already (a record read twice is one event). */
    boolean add(
            UUID uuid,
            byte kindOrdinal,
            long distinctHash,
            @Nullable BigDecimal totalAmount,
            @Nullable BigDecimal revenueAmount,
            @Nullable String currencyCode) {
        if ((size + 1) * 5L > hi.length * 4L) { // at most 80 % full: linear probing stays short, memory small
            resize(hi.length * 2);
        }
        long h = uuid.getMostSignificantBits();
        long l = uuid.getLeastSignificantBits();
        int mask = hi.length - 1;
        int i = spread(h, l) & mask;
        while (state[i] != EMPTY) {
            if (hi[i] == h && lo[i] == l) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        state[i] = EXPECTED;
        kind[i] = kindOrdinal;
        distinct[i] = distinctHash;
        total[i] = unscaled(i, 0, totalAmount);
        totalScale[i] = scale(totalAmount);
        revenue[i] = unscaled(i, 1, revenueAmount);
        revenueScale[i] = scale(revenueAmount);
        currency[i] = currencyCode == null ? -1 : currencyIndex(currencyCode);
        size++;
        return true;
    }

    byte state(int slot) {
        return state[slot];
    }

    void found(int slot) {
        state[slot] = FOUND;
    }

    byte kind(int slot) {
        return kind[slot];
    }

    long distinct(int slot) {
        return distinct[slot];
    }

    @Nullable
    BigDecimal total(int slot) {
        return amount(slot, 0, total[slot], totalScale[slot]);
    }

    @Nullable
    BigDecimal revenue(int slot) {
        return amount(slot, 1, revenue[slot], revenueScale[slot]);
    }

    @Nullable
    String currency(int slot) {
        return currency[slot] < 0 ? null : currencies.get(currency[slot]);
    }

    private long unscaled(int slot, int which, @Nullable BigDecimal amount) {
        if (amount == null) {
            return NONE;
        }
        if (amount.precision() <= 18 && amount.scale() >= 0 && amount.scale() < 127) {
            return amount.unscaledValue().longValue();
        }
        large.put(((long) slot << 1) | which, amount);
        return LARGE;
    }

    private static byte scale(@Nullable BigDecimal amount) {
        return amount == null || amount.scale() < 0 || amount.scale() >= 127 ? 0 : (byte) amount.scale();
    }

    private @Nullable BigDecimal amount(int slot, int which, long unscaled, byte scale) {
        if (unscaled == NONE) {
            return null;
        }
        return unscaled == LARGE ? large.get(((long) slot << 1) | which) : BigDecimal.valueOf(unscaled, scale);
    }

    private short currencyIndex(String code) {
        int i = currencies.indexOf(code);
        if (i < 0) {
            currencies.add(code);
            i = currencies.size() - 1;
        }
        return (short) i;
    }

    private static int spread(long h, long l) {
        long x = h ^ (l * 0x9E3779B97F4A7C15L);
        return (int) (x ^ (x >>> 32));
    }

    private void resize(int capacity) {
        long[] oldHi = hi;
        long[] oldLo = lo;
        byte[] oldState = state;
        byte[] oldKind = kind;
        long[] oldDistinct = distinct;
        long[] oldTotal = total;
        long[] oldRevenue = revenue;
        byte[] oldTotalScale = totalScale;
        byte[] oldRevenueScale = revenueScale;
        short[] oldCurrency = currency;
        Map<Long, BigDecimal> oldLarge = new HashMap<>(large);
        hi = new long[capacity];
        lo = new long[capacity];
        state = new byte[capacity];
        kind = new byte[capacity];
        distinct = new long[capacity];
        total = new long[capacity];
        revenue = new long[capacity];
        totalScale = new byte[capacity];
        revenueScale = new byte[capacity];
        currency = new short[capacity];
        large.clear();
        if (oldState == null) {
            return;
        }
        int mask = capacity - 1;
        for (int j = 0; j < oldState.length; j++) {
            if (oldState[j] == EMPTY) {
                continue;
            }
            int i = spread(oldHi[j], oldLo[j]) & mask;
            while (state[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            hi[i] = oldHi[j];
            lo[i] = oldLo[j];
            state[i] = oldState[j];
            kind[i] = oldKind[j];
            distinct[i] = oldDistinct[j];
            total[i] = oldTotal[j];
            revenue[i] = oldRevenue[j];
            totalScale[i] = oldTotalScale[j];
            revenueScale[i] = oldRevenueScale[j];
            currency[i] = oldCurrency[j];
            for (int which = 0; which < 2; which++) {
                BigDecimal big = oldLarge.get(((long) j << 1) | which);
                if (big != null) {
                    large.put(((long) i << 1) | which, big);
                }
            }
        }
    }

    /** A 64-bit hash of a text: distinct ids are compared by it, and a differing one read again in full. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (h >>> 29) ^ ((long) s.length() << 48);
    }
}
