package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** A REST checkout of the tests: a guest by email, or a signed-in customer by id. */
@Path("/checkout")
public class CheckoutResource {
    @Inject
    OrderAnalytics analytics;

    @POST
    @Path("/{orderId}")
    public void checkout(
            @PathParam("orderId") String orderId,
            @QueryParam("email") String email,
            @QueryParam("customer") String customer) {
        Identity buyer = customer != null ? Identity.customer(customer) : Identity.guest(email);
        analytics.orderPlaced(Order.builder(orderId, Money.of("42.00", "EUR")).build(), buyer);
    }
}
