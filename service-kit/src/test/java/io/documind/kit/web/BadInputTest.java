package io.documind.kit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's one answer to input a service cannot hold, over real HTTP: a 400 problem naming the field, never 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestIssuer issuer;
    private ApplicationContext context;
    private URI base;

    @BeforeAll
    void start() {
        issuer = TestIssuer.start();
        Map<String, Object> p = new HashMap<>(ServiceTestProperties.forService("input-test"));
        p.put("micronaut.server.port", -1);
        p.put("documind.consumer.enabled", false);
        p.put("documind.outbox.relay-enabled", false);
        p.put("documind.security.issuer", issuer.issuer());
        context = ApplicationContext.run(p);
        context.getBean(EmbeddedServer.class).start();
        base = context.getBean(EmbeddedServer.class).getURI();
    }

    @AfterAll
    void stop() {
        context.close();
        issuer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"a\\u0000b\"}|name",
            "{\"name\":\"ok\",\"tags\":[\"x\",\"\\ud800\"]}|tags[1]",
            "{\"name\":\"ok\",\"extra\":{\"note\":\"\\udfff tail\"}}|extra.note",
            "{\"name\":\"ok\",\"extra\":{\"bad\\u0000key\":\"v\"}}|extra.bad\u0000key"})
    void unstorableTextInAJsonBodyIsA400NamingTheField(String bodyAndField) throws IOException {
        assertJsonRefused("/input/json", bodyAndField);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"enabled\":\"perhaps\"}|enabled",
            "{\"enabled\":\"true\"}|enabled",
            "{\"enabled\":[true]}|enabled",
            "{\"enabled\":1}|enabled",
            "{\"count\":\"7\"}|count",
            "{\"count\":1.5}|count",
            "{\"count\":[7]}|count",
            "{\"label\":42}|label",
            "{\"label\":false}|label",
            "{\"label\":{\"a\":1}}|label",
            "{\"label\":[\"x\"]}|label",
            "{\"sizes\":\"1\"}|sizes",
            "{\"sizes\":[\"1\"]}|sizes[0]",
            "{\"nested\":[]}|nested",
            "{\"nested\":{\"name\":true}}|nested.name",
            "{\"nested\":{\"name\":\"n\",\"extra\":{\"k\":1}}}|nested.extra.k"})
    void aJsonValueOfAnotherKindThanDeclaredIsA400NamingTheField(String bodyAndField) throws IOException {
        assertJsonRefused("/input/typed", bodyAndField);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"first\"} {\"name\":\"second\"}|body",
            "{\"name\":\"first\"}{\"name\":\"second\"}|body",
            "{\"name\":\"first\"} junk|body",
            "{\"name\":\"first\"} 1|body",
            "{\"name\":\"a\",\"name\":\"b\"}|name",
            "{\"name\":\"ok\",\"extra\":{\"k\":\"1\",\"k\":\"2\"}}|extra.k"})
    void textAfterTheBodysValueOrANameGivenTwiceIsA400(String bodyAndField) throws IOException {
        // Bound before: the first value answered 200 and the rest was dropped; the nested map kept the last "k".
        assertJsonRefused("/input/json", bodyAndField);
    }

    @Test
    void valuesOfTheDeclaredKindStillBind() throws IOException {
        HttpResponse<String> response = send(post("/input/typed", "application/json",
                "{\"enabled\":true,\"count\":7,\"label\":\"x\",\"sizes\":[1,2],\"nested\":{\"name\":\"n\","
                        + "\"tags\":null,\"extra\":{\"k\":\"v\"}}}"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode echoed = JSON.readTree(response.body());
        assertTrue(echoed.path("enabled").asBoolean());
        assertEquals(7, echoed.path("count").asInt());
        assertEquals("v", echoed.path("nested").path("extra").path("k").asText());
        HttpResponse<String> spaced = send(post("/input/json", "application/json", " {\"name\":\"x\"} \r\n"));
        assertEquals(200, spaced.statusCode(), "white space around the one value is JSON: " + spaced.body());
        HttpResponse<String> raw = send(post("/input/raw", "application/json", "{\"any\":[1,true]}"));
        assertEquals(200, raw.statusCode(), "a body read raw is the route's to judge: " + raw.body());
    }

    @Test
    void unstorableTextInAFormQueryOrPathIsA400NamingTheField() throws IOException {
        assertProblem(send(post("/input/form", "application/x-www-form-urlencoded", "username=a%00b&password=x")),
                "username");
        assertProblem(send(get("/input/query?q=a%00b")), "q");
        assertProblem(send(get("/input/path/a%00b")), "path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=a&q=b", "q=a&q=a", "q=%ff", "q=%C0%80", "q=%ED%A0%80", "x=1&q=ok%E2%82"})
    void aQueryParameterGivenTwiceOrNotUtf8IsA400NamingIt(String query) throws IOException {
        // Bound before: the two values joined as "a,b", the bytes as U+FFFD; both answered 200.
        assertProblem(send(get("/input/query?" + query)), "q");
    }

    @Test
    void aQueryOfOneUtf8ValuePerNameBinds() throws IOException {
        HttpResponse<String> response = send(get("/input/query?q=caf%C3%A9+%E2%82%AC&other=1"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("caf\u00e9 \u20ac", JSON.readTree(response.body()).path("q").asText());
    }

    @Test
    void anIdBindsOnlyInItsCanonicalForm() throws IOException {
        HttpResponse<String> canonical = send(get("/input/id/063D3FD6-958d-4fcc-9a79-e51a20c9a772"));
        assertEquals(200, canonical.statusCode(), canonical.body());
        assertEquals("063d3fd6-958d-4fcc-9a79-e51a20c9a772", JSON.readTree(canonical.body()).path("id").asText());
        // UUID.fromString pads short groups: the first named the id above, the second 00000001-0001-...
        for (String mangled : new String[] {"63d3fd6-958d-4fcc-9a79-e51a20c9a772", "1-1-1-1-1", "not-an-id",
                "063d3fd6-958d-4fcc-9a79-e51a20c9a7720"}) {
            HttpResponse<String> response = send(get("/input/id/" + mangled));
            assertEquals(400, response.statusCode(), mangled + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith(Problem.CONTENT_TYPE));
        }
    }

    @Test
    void theRequestLineIsJudgedBeforeTheBodyAndAccessBeforeBoth() throws IOException {
        assertProblem(send(post("/input/json?q=a%00b", "application/json", "{\"name\":\"a\\u0000b\"}")), "q");
        HttpResponse<String> anonymous = send(get("/secured/organization?q=a%00b"));
        assertEquals(401, anonymous.statusCode(), "a caller without a token learns that first: " + anonymous.body());
    }

    @Test
    void storableTextStillPassesAndTheRouteStillReadsItsBody() throws IOException {
        HttpResponse<String> json = send(post("/input/json", "application/json",
                "{\"name\":\"tab\\tand emoji \\ud83d\\ude00\",\"tags\":[\"a\"]}"));
        assertEquals(200, json.statusCode(), json.body());
        assertEquals("tab\tand emoji \uD83D\uDE00", JSON.readTree(json.body()).path("name").asText());
        HttpResponse<String> form = send(post("/input/form", "application/x-www-form-urlencoded", "username=a%2Bb"));
        assertEquals(200, form.statusCode(), form.body());
        assertEquals("a+b", JSON.readTree(form.body()).path("username").asText());
        assertEquals(200, send(get("/input/query?q=plain")).statusCode());
        assertEquals(200, send(get("/input/path/plain")).statusCode());
    }

    @Test
    void aBodyThatDoesNotDecodeIsA400NotA500() throws IOException {
        byte[] reservedFlag = {0x1f, (byte) 0x8b, 8, (byte) 0xe0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertProblem(send(encoded("gzip", reservedFlag)), "body");
        byte[] gzip = gzip("{\"name\":\"x\"}");
        byte[] badCrc = java.util.Arrays.copyOf(gzip, gzip.length);
        java.util.Arrays.fill(badCrc, badCrc.length - 8, badCrc.length - 4, (byte) 0);
        assertProblem(send(encoded("gzip", badCrc)), "body");
        assertProblem(send(encoded("deflate", "garbage!".getBytes(java.nio.charset.StandardCharsets.UTF_8))), "body");
        assertProblem(send(post("/input/form", "application/x-www-form-urlencoded", "username=%ZZ")), "body");
        HttpResponse<String> unknown = send(encoded("x-foo", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(415, unknown.statusCode(), "an encoding nothing decoded is refused, not bound: " + unknown.body());
        assertTrue(unknown.headers().firstValue("Content-Type").orElseThrow().startsWith(Problem.CONTENT_TYPE));
        HttpResponse<String> identity = send(encoded("identity", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, identity.statusCode(), identity.body());
        HttpResponse<String> intact = send(encoded("gzip", gzip));
        assertEquals(200, intact.statusCode(), "a body that decodes still binds: " + intact.body());
        assertEquals("x", JSON.readTree(intact.body()).path("name").asText());
    }

    private HttpRequest encoded(String encoding, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + "/input/json")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Content-Encoding", encoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aBodyWithoutAContentTypeIsRefusedUnread() throws IOException {
        // Micronaut binds a body without a Content-Type as JSON, past this filter's checks: a NUL reached the database.
        HttpResponse<String> untyped = send(HttpRequest.newBuilder(URI.create(base + "/input/json"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\\u0000b\"}"))
                .build());
        assertEquals(415, untyped.statusCode(), untyped.body());
        assertTrue(untyped.headers().firstValue("Content-Type").orElseThrow().startsWith(Problem.CONTENT_TYPE));
        assertTrue(JSON.readTree(untyped.body()).path("detail").asText().contains("Content-Type"), untyped.body());
        HttpResponse<String> text = send(post("/input/json", "text/plain", "{\"name\":\"x\"}"));
        assertEquals(415, text.statusCode(), "as for a type the route does not take: " + text.body());
    }

    /** A browser's Accept (text/html first) still gets problem+json, never Micronaut's HTML error page. */
    @Test
    void errorsAreProblemJsonWhateverTheRequestAccepts() throws IOException {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        Map<String, HttpRequest> requests = Map.of(
                "400", HttpRequest.newBuilder(URI.create(base + "/input/query?q=a%00b")).header("Accept", browser)
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                "400 json", HttpRequest.newBuilder(URI.create(base + "/input/json")).header("Accept", browser)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{bad")).build(),
                "404", HttpRequest.newBuilder(URI.create(base + "/no-such-route")).header("Accept", browser)
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                "406", HttpRequest.newBuilder(URI.create(base + "/input/query?q=x")).header("Accept", "text/html")
                        .timeout(Duration.ofSeconds(10)).GET().build());
        for (Map.Entry<String, HttpRequest> request : requests.entrySet()) {
            HttpResponse<String> response = send(request.getValue());
            assertEquals(request.getKey().substring(0, 3), String.valueOf(response.statusCode()), response.body());
            assertEquals(Problem.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow(),
                    request.getKey());
            int status = JSON.readTree(response.body()).path("status").asInt();
            assertEquals(response.statusCode(), status, request.getKey());
        }
    }

    /**
     * A page on another origin calling a service reached as localhost is refused by Micronaut's CORS filter, which
     * answers 403 with no body; it is a problem document like every other refusal.
     */
    @Test
    void aForeignOriginRefusedOnLocalhostIsAProblem() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/input/path/x"))
                .header("Origin", "https://elsewhere.example").timeout(Duration.ofSeconds(10)).GET().build());
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(Problem.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertEquals(403, JSON.readTree(response.body()).path("status").asInt(), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json;q=0.9, */*;q=0.8|application/json",
            "application/json; Q=1|application/json",
            "text/html;q=0.2, application/json;q=0.5|application/json",
            "application/json;charset=utf-8;q=0.9|application/json;charset=utf-8",
            "application/json|application/json",
            "*/*;q=0.8|application/json"})
    void aResponseTypeNamesNoWeightFromAccept(String acceptAndType) throws IOException {
        String[] parts = acceptAndType.split("\\|");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/input/query?q=x"))
                .header("Accept", parts[0]).timeout(Duration.ofSeconds(10)).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(parts[1], response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertEquals("x", JSON.readTree(response.body()).path("q").asText(), response.body());
    }

    @Test
    void aRequestLineOrHeadersTooLongToReadAreRefusedAsSuch() throws IOException {
        URI longUrl = URI.create(base + "/input/query?q=" + "x".repeat(9000));
        HttpResponse<String> longLine = send(HttpRequest.newBuilder(longUrl).timeout(Duration.ofSeconds(10)).GET()
                .build());
        assertEquals(414, longLine.statusCode(), longLine.body());
        assertEquals(Problem.CONTENT_TYPE, longLine.headers().firstValue("Content-Type").orElse(""));
        assertEquals(414, JSON.readTree(longLine.body()).path("status").asInt(), longLine.body());

        HttpResponse<String> bigHeaders = send(HttpRequest.newBuilder(URI.create(base + "/input/query?q=x"))
                .header("X-Padding", "y".repeat(20_000)).timeout(Duration.ofSeconds(10)).GET().build());
        assertEquals(431, bigHeaders.statusCode(), bigHeaders.body());
        assertEquals(Problem.CONTENT_TYPE, bigHeaders.headers().firstValue("Content-Type").orElse(""));
        assertEquals(431, JSON.readTree(bigHeaders.body()).path("status").asInt(), bigHeaders.body());
    }

    @Test
    void anUnknownFieldInABodyIsA400() throws IOException {
        HttpResponse<String> response = send(post("/input/json", "application/json", "{\"name\":\"x\",\"nmae\":\"y\"}"));
        assertProblem(response, "nmae");
        assertFalse(response.body().contains("Thing"), "no Java type names: " + response.body());
    }

    @Test
    void aUniqueKeyRaceIsA409OrItsConstraintsAnswer_andOtherDatabaseFailuresA500Problem() throws IOException {
        HttpResponse<String> race = send(post("/input/race", "application/json", "{}"));
        assertEquals(409, race.statusCode(), race.body());
        assertEquals(Problem.CONTENT_TYPE, race.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> named = send(post("/input/race-named", "application/json", "{}"));
        assertEquals(422, named.statusCode(), named.body());
        assertEquals("name", JSON.readTree(named.body()).path("errors").path(0).path("field").asText(), named.body());
        HttpResponse<String> deleted = send(post("/input/race-deleted", "application/json", "{}"));
        assertEquals(409, deleted.statusCode(), deleted.body());
        HttpResponse<String> broken = send(post("/input/broken", "application/json", "{}"));
        assertEquals(500, broken.statusCode(), broken.body());
        HttpResponse<String> deadlock = send(post("/input/deadlock", "application/json", "{}"));
        assertEquals(503, deadlock.statusCode(), deadlock.body());
        assertEquals("1", deadlock.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<String> tooLong = send(post("/input/too-long", "application/json", "{}"));
        assertEquals(503, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("more database time"), tooLong.body());
        HttpResponse<String> unreachable = send(post("/input/unreachable", "application/json", "{}"));
        assertEquals(503, unreachable.statusCode(), unreachable.body());
        assertEquals(Problem.CONTENT_TYPE, unreachable.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("2", unreachable.headers().firstValue("Retry-After").orElseThrow());
    }

    /** {@code body|field}: posting the body to the route is a 400 problem naming the field. */
    private void assertJsonRefused(String route, String bodyAndField) throws IOException {
        String[] c = bodyAndField.split("\\|");
        assertProblem(send(post(route, "application/json", c[0])), c[1]);
    }

    private static void assertProblem(HttpResponse<String> response, String field) throws IOException {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith(Problem.CONTENT_TYPE));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(field, problem.path("errors").path(0).path("field").asText(), response.body());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private HttpRequest post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
