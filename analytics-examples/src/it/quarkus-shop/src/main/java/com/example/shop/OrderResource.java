package com.example.shop;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/** The REST checkout: 201 with the order's id, or 402 when the payment is declined. */
@Path("/orders")
public class OrderResource {
    @Inject
    Checkout checkout;

    @POST
    public Response place(CheckoutRequest request) throws SQLException {
        try {
            return Response.status(201)
                    .entity(Map.of("orderId", checkout.place(request)))
                    .build();
        } catch (PaymentDeclined declined) {
            return Response.status(402)
                    .entity(Map.of("error", declined.getMessage()))
                    .build();
        }
    }
}
