package io.documind.kit.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void tooManyRequestsSaysWhenToRetryInWholeSecondsRoundedUp() {
        assertEquals(2L, ProblemException.tooManyRequests("later", Duration.ofMillis(1500)).retryAfterSeconds());
        assertEquals(3L, ProblemException.tooManyRequests("later", Duration.ofSeconds(3)).retryAfterSeconds());
        assertEquals(1L, ProblemException.tooManyRequests("later", Duration.ofNanos(1)).retryAfterSeconds());
        assertEquals(1L, ProblemException.tooManyRequests("later", Duration.ZERO).retryAfterSeconds(), "never 0");

        HttpResponse<Problem> response = handler.handle(HttpRequest.POST("/things/1/message", ""),
                ProblemException.tooManyRequests("Sent moments ago", Duration.ofMillis(29_001)));
        assertEquals(429, response.code());
        assertEquals("30", response.getHeaders().get(HttpHeaders.RETRY_AFTER));
        assertEquals(Problem.CONTENT_TYPE, response.getContentType().orElseThrow().toString());
        Problem problem = response.body();
        assertEquals(429, problem.status());
        assertEquals("Sent moments ago", problem.detail());
        assertEquals("/things/1/message", problem.instance());
    }

    @Test
    void otherProblemsCarryNoRetryAfter() {
        ProblemException notFound = ProblemException.notFound("Thing");
        assertNull(notFound.retryAfterSeconds());
        HttpResponse<Problem> response = handler.handle(HttpRequest.GET("/things/1"), notFound);
        assertEquals(404, response.code());
        assertNull(response.getHeaders().get(HttpHeaders.RETRY_AFTER));
        assertEquals("Thing not found", response.body().detail());
    }
}
