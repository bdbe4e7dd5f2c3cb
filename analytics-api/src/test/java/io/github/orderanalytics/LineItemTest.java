package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class LineItemTest {
    private static final Money PRICE = Money.of("20.00", "EUR");

    @Test
    void buildsWithOptionalFieldsAndCopiesWithToBuilder() {
        LineItem mug = LineItem.builder("prod_7", 2, PRICE)
                .sku("SKU-7")
                .name("Mug")
                .category("Kitchen")
                .brand("Acme")
                .variant("blue")
                .url("https://shop.example.com/p/7")
                .imageUrl("https://shop.example.com/p/7.jpg")
                .position(3)
                .build();

        assertThat(mug.productId()).isEqualTo("prod_7");
        assertThat(mug.quantity()).isEqualTo(2);
        assertThat(mug.price()).isEqualTo(PRICE);
        assertThat(mug.sku()).contains("SKU-7");
        assertThat(mug.variant()).contains("blue");
        assertThat(mug.url()).contains("https://shop.example.com/p/7");
        assertThat(mug.imageUrl()).contains("https://shop.example.com/p/7.jpg");
        assertThat(mug.position()).hasValue(3);
        assertThat(mug.toBuilder().position(4).build()).isNotEqualTo(mug);
        assertThat(mug.toBuilder().build()).isEqualTo(mug);
        assertThat(mug.toBuilder().name("Cup").build()).isNotEqualTo(mug);
        assertThat(LineItem.builder("prod_7", 1, PRICE).build().name()).isEmpty();
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("prod_7", 0, PRICE))
                .withMessage("quantity must be between 1 and 1000000, was 0 (product prod_7)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("prod_7", -3, PRICE))
                .withMessage("quantity must be between 1 and 1000000, was -3 (product prod_7)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("prod_7", 1, PRICE).position(-1))
                .withMessage("position must be between 0 and 1000000, was -1 (product prod_7)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("p", 1, PRICE).imageUrl(""))
                .withMessage("imageUrl must not be blank: ''");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("  ", 1, PRICE))
                .withMessage("productId must not be blank: '  '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("p", 1, PRICE).sku(""))
                .withMessage("sku must not be blank: ''");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineItem.builder("p", 1, PRICE).name("n".repeat(1001)))
                .withMessageStartingWith("name must be at most 1000 characters, was 1001: 'nnn");
        assertThatNullPointerException()
                .isThrownBy(() -> LineItem.builder("p", 1, null))
                .withMessage("price == null");
    }
}
