package io.documind.org;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Input org-service cannot hold is a 4xx problem on every route, never a 500 (issue 11 part 5). */
@MicronautTest(transactional = false)
class OrgBadInputTest extends OrgServiceTest {

    @Test
    void unstorableTextIsA400NamingTheFieldOnEveryKindOfInput() {
        Account account = signUp();
        String management = managementToken();
        Map<MutableHttpRequest<?>, String> cases = new LinkedHashMap<>();
        cases.put(HttpRequest.POST("/sign-up", Map.of("email", "n" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com", "password", PASSWORD, "name", "a\u0000b")), "name");
        cases.put(HttpRequest.POST("/organizations", Map.of("name", "Acme\u0000")).bearerAuth(account.accessToken()), "name");
        cases.put(HttpRequest.POST("/api/organizations", Map.of("name", "Acme", "description", "x\uD800"))
                .bearerAuth(management), "description");
        cases.put(HttpRequest.POST("/api/users", Map.of("primaryEmail", "a\u0000@example.com")).bearerAuth(management),
                "primaryEmail");
        cases.put(HttpRequest.POST("/api/organization-scopes", Map.of("name", "read:\u0000")).bearerAuth(management), "name");
        cases.put(HttpRequest.GET("/api/organizations?q=a%00b").bearerAuth(management), "q");
        cases.put(HttpRequest.GET("/api/users?q=%00").bearerAuth(management), "q");
        cases.put(tokenRequest(form("grant_type", "password", "username", account.email() + "\u0000",
                "password", PASSWORD)), "username");
        cases.put(tokenRequest(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT + "\u0000",
                "client_secret", MANAGEMENT_SECRET)), "client_id");
        cases.forEach((request, field) -> {
            HttpClientResponseException e = failure(request);
            assertEquals(400, e.getStatus().getCode(), request.getPath() + " " + body(e));
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            assertEquals(field, json(body(e)).path("errors").path(0).path("field").asText(), body(e));
        });
    }

    @Test
    void repeatedScopesAreHarmless() {
        assertEquals("all", tokenResponse(form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET, "scope", "all all")).path("scope").asText());
        Account account = signUp();
        assertEquals(200, status(tokenRequest(form("grant_type", "password", "username", account.email(),
                "password", PASSWORD, "scope", "openid email openid"))));
    }

    @Test
    void concurrentSignUpsWithOneEmailGiveOneAccountAndConflictsNeverA500() throws Exception {
        String email = "race-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(6)) {
            List<Future<Integer>> signUps = IntStream.range(0, 6).mapToObj(i -> pool.submit(() -> status(
                    HttpRequest.POST("/sign-up", Map.of("email", i % 2 == 0 ? email : email.toUpperCase(),
                            "password", PASSWORD, "name", "Racer " + i))))).toList();
            statuses = new java.util.ArrayList<>();
            for (Future<Integer> f : signUps) {
                statuses.add(f.get());
            }
        }
        assertEquals(Map.of(201, 1L, 409, 5L),
                statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())), statuses.toString());
    }
}
