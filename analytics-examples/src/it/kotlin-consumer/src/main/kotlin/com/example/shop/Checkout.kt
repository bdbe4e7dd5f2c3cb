package com.example.shop

import io.github.orderanalytics.Identity
import io.github.orderanalytics.Money
import io.github.orderanalytics.Order
import io.github.orderanalytics.OrderAnalytics

/** A Kotlin checkout: non-null values pass, and what the API marks @Nullable takes null. */
class Checkout(private val analytics: OrderAnalytics) {
    fun place(orderId: String, customerId: String, browserDistinctId: String?) {
        val order = Order.builder(orderId, Money.of("49.99", "EUR")).build()
        // withBrowserDistinctId takes a @Nullable String: a nullable column passes as it is.
        val buyer = Identity.customer(customerId).withBrowserDistinctId(browserDistinctId)
        analytics.orderPlaced(order, buyer)
    }

    /** Optional values come back as Optional, never as a platform type that might be null. */
    fun coupon(order: Order): String = order.coupon().orElse("none")
}
