package io.documind.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** org-service's token endpoint as the benchmarks' clients call it: a form-encoded POST (RFC 6749 §3.2). */
public final class TokenEndpoint {

    private TokenEndpoint() {
    }

    /** A POST of {@code fields} to {@code <orgService>/oidc/token}. */
    public static HttpRequest.Builder post(String orgService, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(orgService + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    /** {@code application/x-www-form-urlencoded} text of {@code fields}. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
