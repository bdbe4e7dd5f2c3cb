package io.github.orderanalytics;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One product line of an {@link Order}: what was bought, how many, at what unit price.
 *
 * <pre>{@code
 * LineItem mug = LineItem.builder("prod_7", 2, Money.of("20.00", "EUR"))
 *         .sku("SKU-7")
 *         .name("Mug")
 *         .build();
 * }</pre>
 *
 * <p>Text fields are at most {@value Order#MAX_TEXT_LENGTH} characters, the product id at most
 * {@value Order#MAX_ID_LENGTH}; none may be blank or contain control characters. Immutable.
 *
 * @since 0.1.0
 */
public final class LineItem {
    /** The largest quantity of one line; larger numbers are almost always a unit mistake. */
    public static final int MAX_QUANTITY = 1_000_000;

    private final String productId;
    private final int quantity;
    private final Money price;
    private final @Nullable String sku;
    private final @Nullable String name;
    private final @Nullable String category;
    private final @Nullable String brand;
    private final @Nullable String variant;
    private final @Nullable String url;
    private final @Nullable String imageUrl;
    private final @Nullable Integer position;

    private LineItem(Builder b) {
        this.productId = b.productId;
        this.quantity = b.quantity;
        this.price = b.price;
        this.sku = b.sku;
        this.name = b.name;
        this.category = b.category;
        this.brand = b.brand;
        this.variant = b.variant;
        this.url = b.url;
        this.imageUrl = b.imageUrl;
        this.position = b.position;
    }

    /**
     * Starts a line of {@code quantity} units of {@code productId} at {@code price} each.
     *
     * @throws IllegalArgumentException if the product id is blank or too long, or the quantity is
     *     below 1 or above {@value #MAX_QUANTITY}
     */
    public static Builder builder(String productId, int quantity, Money price) {
        return new Builder(productId, quantity, price);
    }

    public Builder toBuilder() {
        Builder b = new Builder(productId, quantity, price);
        b.sku = sku;
        b.name = name;
        b.category = category;
        b.brand = brand;
        b.variant = variant;
        b.url = url;
        b.imageUrl = imageUrl;
        b.position = position;
        return b;
    }

    public String productId() {
        return productId;
    }

    public int quantity() {
        return quantity;
    }

    /** The price of one unit. */
    public Money price() {
        return price;
    }

    public Optional<String> sku() {
        return Optional.ofNullable(sku);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    public Optional<String> brand() {
        return Optional.ofNullable(brand);
    }

    public Optional<String> variant() {
        return Optional.ofNullable(variant);
    }

    /** The product's page. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The product's image. */
    public Optional<String> imageUrl() {
        return Optional.ofNullable(imageUrl);
    }

    /** Where the product stood in the list it was chosen from. */
    public OptionalInt position() {
        return position == null ? OptionalInt.empty() : OptionalInt.of(position);
    }

    /** Bytes of this line's text as JSON, at most; for {@link Order}'s size bound. */
    long encodedTextSize() {
        return EncodedSize.text(productId)
                + textSize(sku)
                + textSize(name)
                + textSize(category)
                + textSize(brand)
                + textSize(variant)
                + textSize(url)
                + textSize(imageUrl);
    }

    private static long textSize(@Nullable String s) {
        return s == null ? 0 : EncodedSize.text(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineItem other
                && productId.equals(other.productId)
                && quantity == other.quantity
                && price.equals(other.price)
                && Objects.equals(sku, other.sku)
                && Objects.equals(name, other.name)
                && Objects.equals(category, other.category)
                && Objects.equals(brand, other.brand)
                && Objects.equals(variant, other.variant)
                && Objects.equals(url, other.url)
                && Objects.equals(imageUrl, other.imageUrl)
                && Objects.equals(position, other.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(productId, quantity, price, sku, name, category, brand, variant, url, imageUrl, position);
    }

    @Override
    public String toString() {
        return "LineItem{" + productId + " x" + quantity + " @ " + price + "}";
    }

    /** Builds a {@link LineItem}; each setter validates its argument at once. */
    public static final class Builder {
        private final String productId;
        private final int quantity;
        private final Money price;
        private @Nullable String sku;
        private @Nullable String name;
        private @Nullable String category;
        private @Nullable String brand;
        private @Nullable String variant;
        private @Nullable String url;
        private @Nullable String imageUrl;
        private @Nullable Integer position;

        private Builder(String productId, int quantity, Money price) {
            this.productId = Text.require("productId", productId, Order.MAX_ID_LENGTH);
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY + ", was "
                        + quantity + " (product " + productId + ")");
            }
            this.quantity = quantity;
            this.price = Objects.requireNonNull(price, "price == null");
        }

        public Builder sku(String sku) {
            this.sku = Text.require("sku", sku, Order.MAX_TEXT_LENGTH);
            return this;
        }

        public Builder name(String name) {
            this.name = Text.require("name", name, Order.MAX_TEXT_LENGTH);
            return this;
        }

        public Builder category(String category) {
            this.category = Text.require("category", category, Order.MAX_TEXT_LENGTH);
            return this;
        }

        public Builder brand(String brand) {
            this.brand = Text.require("brand", brand, Order.MAX_TEXT_LENGTH);
            return this;
        }

        public Builder variant(String variant) {
            this.variant = Text.require("variant", variant, Order.MAX_TEXT_LENGTH);
            return this;
        }

        /** The product's page ({@code url}). */
        public Builder url(String url) {
            this.url = Text.require("url", url, Order.MAX_TEXT_LENGTH);
            return this;
        }

        /** The product's image ({@code image_url}). */
        public Builder imageUrl(String imageUrl) {
            this.imageUrl = Text.require("imageUrl", imageUrl, Order.MAX_TEXT_LENGTH);
            return this;
        }

        /** Where the product stood in the list it was chosen from ({@code position}), from 0. */
        public Builder position(int position) {
            if (position < 0 || position > MAX_QUANTITY) {
                throw new IllegalArgumentException("position must be between 0 and " + MAX_QUANTITY + ", was "
                        + position + " (product " + productId + ")");
            }
            this.position = position;
            return this;
        }

        public LineItem build() {
            return new LineItem(this);
        }
    }
}
