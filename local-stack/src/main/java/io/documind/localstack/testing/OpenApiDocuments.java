package io.documind.localstack.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What DESIGN §5 promises of every service: its OpenAPI document and a Swagger UI, readable without a token. The
 * document is the one micronaut-openapi generates at compile time, named after the module; the kit serves it.
 */
public final class OpenApiDocuments {

    /** Swagger UI's page; it loads the document from {@link #documentPath(String)}. */
    public static final String SWAGGER_UI = "/swagger-ui/index.html";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OpenApiDocuments() {
    }

    public static String documentPath(String service) {
        return "/swagger/" + service + ".yml";
    }

    /**
     * GETs the service's document and Swagger UI without a token and checks them: the document is titled after the
     * service, declares the bearer JWT scheme and has each of {@code paths}; Swagger UI is HTML that loads the
     * document.
     *
     * @return the parsed document, for a service's own further checks
     */
    public static Map<String, Object> assertPublished(URI base, String service, String... paths) {
        HttpResponse<String> document = get(base, documentPath(service));
        check(document.statusCode() == 200, documentPath(service) + " answered " + document.statusCode());
        Map<String, Object> openApi = new Yaml(new SafeConstructor(new LoaderOptions())).load(document.body());

        check(service.equals(at(openApi, "info", "title")), "info.title is " + at(openApi, "info", "title"));
        Map<String, Object> bearer = map(at(openApi, "components", "securitySchemes", "bearer"));
        check(bearer != null && "http".equals(bearer.get("type")) && "bearer".equals(bearer.get("scheme"))
                && "JWT".equals(bearer.get("bearerFormat")), "no bearer JWT security scheme: " + bearer);
        Map<String, Object> documented = map(openApi.get("paths"));
        List<String> missing = List.of(paths).stream().filter(p -> documented == null || !documented.containsKey(p))
                .toList();
        check(missing.isEmpty(), "the document lacks " + missing + "; it has " + (documented == null ? "no paths"
                : documented.keySet()));

        HttpResponse<String> ui = get(base, SWAGGER_UI);
        check(ui.statusCode() == 200, SWAGGER_UI + " answered " + ui.statusCode());
        check(ui.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                "Swagger UI is not HTML: " + ui.headers().firstValue("Content-Type"));
        check(ui.body().contains("'" + documentPath(service) + "'"),
                "Swagger UI does not load " + documentPath(service));
        return openApi;
    }

    /** The value at a path of keys in a parsed document, or null where it stops. */
    public static Object at(Map<String, Object> document, String... keys) {
        Object node = document;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static HttpResponse<String> get(URI base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
