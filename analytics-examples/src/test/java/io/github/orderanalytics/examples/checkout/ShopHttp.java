package io.github.orderanalytics.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/** Requests to the running example app, as an operator's curl or the back office makes them. */
final class ShopHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    ShopHttp(Environment environment) {
        this.environment = environment;
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"(ord_[^\"]+)\"");

    /** {@code method} on {@code path}, with {@code json} as the body (or none), answered as text. */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, Map.of());
    }

    /** As {@link #send(String, String, String)}, with {@code headers} (a browser's, say). */
    HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path));
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the order a {@code POST /orders} placed; fails unless it answered 201. */
    static String orderId(HttpResponse<String> placed) {
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        Matcher m = ORDER_ID.matcher(placed.body());
        assertThat(m.find()).as(placed.body()).isTrue();
        return m.group(1);
    }
}
