package com.example.shop;

/** Thrown inside the checkout's transaction: the order and its report are rolled back. */
public class PaymentDeclined extends RuntimeException {
    public PaymentDeclined(String orderId) {
        super("payment declined for " + orderId);
    }
}
