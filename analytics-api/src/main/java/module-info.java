/**
 * The order-analytics API: {@link io.github.orderanalytics.OrderAnalytics} and its value types.
 * It requires nothing but {@code java.base} at run time; its nullness is stated with JSpecify's
 * annotations ({@code @NullMarked} packages, {@code @Nullable} where null is allowed), which compilers and
 * IDEs read from the class path.
 *
 * @since 0.1.0
 */
module io.github.orderanalytics {
    requires static transitive org.jspecify;

    exports io.github.orderanalytics;
}
