/**
 * The order-analytics API: {@link io.github.orderanalytics.OrderAnalytics} and its value types.
 * It requires nothing but {@code java.base}.
 *
 * @since 0.1.0
 */
module io.github.orderanalytics {
    exports io.github.orderanalytics;
}
