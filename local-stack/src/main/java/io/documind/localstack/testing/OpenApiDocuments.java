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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What DESIGN §5 promises of every service: its OpenAPI document and a Swagger UI, readable without a token. The
 * document is the one micronaut-openapi generates at compile time, named after the module; the kit serves it.
 */
public final class OpenApiDocuments {

    /** Swagger UI's page; it loads the document from {@link #documentPath(String)}. */
    public static final String SWAGGER_UI = "/swagger-ui/index.html";

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** What micronaut-openapi makes of a method name that is already taken: {@code get_5}. */
    private static final Pattern GENERATED_OPERATION_ID = Pattern.compile(".*_\\d+");

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

    /**
     * Every operation has an operationId of its own, chosen for it: none missing, none twice, and none of the
     * {@code name_N} shape micronaut-openapi falls back to when two routes share a method name.
     */
    public static void assertOperationIdsAreNamed(Map<String, Object> document) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map.Entry<String, Object> path : operationsByPath(document).entrySet()) {
            Map<String, Object> operations = map(path.getValue());
            for (String method : operations.keySet()) {
                if (!HTTP_METHODS.contains(method)) {
                    continue; // a path item's own fields (parameters, summary)
                }
                String route = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                Object id = at(operations, method, "operationId");
                check(id instanceof String s && !s.isBlank(), route + " has no operationId");
                String operationId = (String) id;
                check(!GENERATED_OPERATION_ID.matcher(operationId).matches(),
                        route + " has the generated operationId " + operationId + "; name it with @Operation");
                String other = owners.putIfAbsent(operationId, route);
                check(other == null, "operationId " + operationId + " is both " + other + " and " + route);
            }
        }
        check(!owners.isEmpty(), "the document has no operations");
    }

    /**
     * The route's success statuses are exactly {@code statuses} (usually one): a route answering 201 or 204 says
     * so, not the 200 the generator assumes for an {@code HttpResponse} built at run time.
     */
    public static void assertSuccessStatus(Map<String, Object> document, String method, String path, int... statuses) {
        Set<String> successes = new TreeSet<>(responses(document, method, path).keySet());
        successes.removeIf(code -> !code.startsWith("2"));
        Set<String> expected = new TreeSet<>();
        for (int status : statuses) {
            expected.add(String.valueOf(status));
        }
        check(successes.equals(expected), method + " " + path + " documents success " + successes + ", not " + expected);
    }

    /** The route declares each of {@code statuses} as an RFC 7807 problem. */
    public static void assertProblems(Map<String, Object> document, String method, String path, int... statuses) {
        Map<String, Object> responses = responses(document, method, path);
        for (int status : statuses) {
            Object schema = at(responses, String.valueOf(status), "content", PROBLEM_JSON, "schema", "$ref");
            check(PROBLEM_SCHEMA.equals(schema), method + " " + path + " declares no " + status + " problem: "
                    + responses.get(String.valueOf(status)));
        }
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

    private static Map<String, Object> operationsByPath(Map<String, Object> document) {
        Map<String, Object> paths = map(document.get("paths"));
        check(paths != null, "the document has no paths");
        return paths;
    }

    private static Map<String, Object> responses(Map<String, Object> document, String method, String path) {
        Map<String, Object> responses = map(at(document, "paths", path, method.toLowerCase(Locale.ROOT),
                "responses"));
        check(responses != null, "the document has no " + method + " " + path);
        return responses;
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
