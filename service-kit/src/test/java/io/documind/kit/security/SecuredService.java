package io.documind.kit.security;

import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A service-shaped HTTP server (real PostgreSQL and Kafka behind it) trusting one issuer, and a client for it. */
final class SecuredService implements AutoCloseable {

    private final ApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SecuredService(ApplicationContext context) {
        this.context = context;
        this.base = context.getBean(EmbeddedServer.class).getURI();
    }

    static SecuredService start(String issuer, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(ServiceTestProperties.forService("security-test"));
        p.put("micronaut.server.port", -1);
        p.put("documind.consumer.enabled", false);
        p.put("documind.outbox.relay-enabled", false);
        p.put("documind.security.issuer", issuer);
        p.putAll(extra);
        ApplicationContext context = ApplicationContext.run(p);
        context.getBean(EmbeddedServer.class).start();
        return new SecuredService(context);
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> getWithAuthorization(String path, String... authorizationHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        for (String h : authorizationHeaders) {
            request.header("Authorization", h);
        }
        return send(request.build());
    }

    /** A request without a body or token; the path goes out as written (not normalized, not encoded). */
    HttpResponse<String> send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    URI base() {
        return base;
    }

    ApplicationContext context() {
        return context;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
