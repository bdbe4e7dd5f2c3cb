package io.github.orderanalytics.examples.checkout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.core.env.Environment;

/** Requests to the running example app, as an operator's curl or the back office makes them. */
final class ShopHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    ShopHttp(Environment environment) {
        this.environment = environment;
    }

    /** {@code method} on {@code path}, with {@code json} as the body (or none), answered as text. */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path));
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
