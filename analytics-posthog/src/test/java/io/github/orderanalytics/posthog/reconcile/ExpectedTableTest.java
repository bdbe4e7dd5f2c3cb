package io.github.orderanalytics.posthog.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectedTableTest {
    @Test
    void keepsEveryFieldThroughGrowthAndFindsEachUuidOnce() {
        ExpectedTable table = new ExpectedTable();
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            assertThat(table.add(
                            uuid(i), (byte) (i % 3), i, new BigDecimal("49.99"), new BigDecimal("-" + i + ".5"), "EUR"))
                    .isTrue();
        }
        assertThat(table.add(uuid(7), (byte) 0, 0, null, null, null))
                .as("a record read twice")
                .isFalse();

        assertThat(table.size()).isEqualTo(n);
        assertThat(table.capacity()).isGreaterThanOrEqualTo(n * 5 / 4);
        for (int i = 0; i < n; i++) {
            int slot = table.find(uuid(i));
            assertThat(slot).isNotNegative();
            assertThat(table.kind(slot)).isEqualTo((byte) (i % 3));
            assertThat(table.distinct(slot)).isEqualTo(i);
            assertThat(table.total(slot)).isEqualByComparingTo("49.99").hasScaleOf(2);
            assertThat(table.revenue(slot)).isEqualByComparingTo("-" + i + ".5");
            assertThat(table.currency(slot)).isEqualTo("EUR");
            assertThat(table.state(slot)).isEqualTo(ExpectedTable.EXPECTED);
        }
        assertThat(table.find(uuid(n + 1))).isEqualTo(-1);
    }

    @Test
    void amountsTooLargeForALongAndAbsentOnesComeBackAsGiven() {
        ExpectedTable table = new ExpectedTable();
        BigDecimal huge = new BigDecimal("999999999999999.9999");
        table.add(uuid(1), (byte) 0, 1, huge, huge.negate(), "EUR");
        table.add(uuid(2), (byte) 2, 2, null, null, null);
        for (int i = 3; i < 3_000; i++) { // growth moves the large amounts along
            table.add(uuid(i), (byte) 0, i, BigDecimal.ONE, BigDecimal.ONE, "JPY");
        }

        int large = table.find(uuid(1));
        int none = table.find(uuid(2));
        assertThat(table.total(large)).isEqualTo(huge);
        assertThat(table.revenue(large)).isEqualTo(huge.negate());
        assertThat(table.total(none)).isNull();
        assertThat(table.revenue(none)).isNull();
        assertThat(table.currency(none)).isNull();
    }

    @Test
    void theDistinctIdHashTellsNearIdsApart() {
        assertThat(ExpectedTable.hash("cus_42")).isNotEqualTo(ExpectedTable.hash("cus_43"));
        assertThat(ExpectedTable.hash("ab")).isNotEqualTo(ExpectedTable.hash("ba"));
        assertThat(ExpectedTable.hash("guest_8c87")).isEqualTo(ExpectedTable.hash("guest_8c87"));
    }

    private static UUID uuid(int i) {
        return new UUID(0x5eed_0000_0000_5000L + i, 0x8000_0000_0000_0000L | (i * 31L));
    }
}
