package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.security.Scopes;
import io.documind.localstack.testing.TestIssuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP client for the document API, with the organization roles' tokens of DESIGN §4. */
public final class Api {

    public static final String[] ADMIN = Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new);
    public static final String[] MEMBER = {Scopes.READ_DOCUMENTS, Scopes.CREATE_DOCUMENTS, Scopes.UPDATE_DOCUMENTS,
            Scopes.INVITE_MEMBER};
    public static final String[] COLLABORATOR = {Scopes.READ_DOCUMENTS};

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public static TestIssuer issuer() {
        return TestIssuer.shared();
    }

    public static String admin(String organizationId) {
        return issuer().organizationToken("admin-of-" + organizationId, organizationId, ADMIN);
    }

    public static String token(String user, String organizationId, String... scopes) {
        return issuer().organizationToken(user, organizationId, scopes);
    }

    /** What came back; {@code json} is null when the body is empty. */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public String id() {
            return json.path("id").asText();
        }

        public String etag() {
            return header("ETag").orElseThrow();
        }
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Reply patch(String path, String token, Object body, String ifMatch) {
        return send("PATCH", path, token, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public Reply delete(String path, String token, String ifMatch) {
        return send("DELETE", path, token, null, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Creates a document as an admin of the organization and returns its JSON. */
    public JsonNode create(String organizationId, String title, String content) {
        Reply r = post("/documents", admin(organizationId), Map.of("title", title, "content", content));
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r.status() + " " + r.raw().body());
        }
        return r.json();
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static List<String> ids(JsonNode page) {
        return Arrays.stream(JSON.convertValue(page.path("items"), JsonNode[].class)).map(n -> n.path("id").asText()).toList();
    }

    private Reply send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, publisher);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
