package com.example.shop

import io.github.orderanalytics.Identity
import io.github.orderanalytics.Money
import io.github.orderanalytics.Order
import io.github.orderanalytics.OrderAnalytics

class Checkout(private val analytics: OrderAnalytics) {
    fun place(orderId: String, customerId: String?) {
        val order = Order.builder(orderId, Money.of("49.99", "EUR")).build()
        // Identity.customer takes a non-null String (the package is @NullMarked): this must not compile.
        analytics.orderPlaced(order, Identity.customer(customerId))
    }
}
