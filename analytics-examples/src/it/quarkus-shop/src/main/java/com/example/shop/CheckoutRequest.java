package com.example.shop;

/** What the shop's page posts: a signed-in customer's id or a guest's email, and one line. */
public record CheckoutRequest(String customerId, String email, String sku, int quantity, boolean declinePayment) {}
