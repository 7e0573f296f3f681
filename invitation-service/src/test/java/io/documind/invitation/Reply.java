package io.documind.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What came back from the service's API, error or not. */
public record Reply(int status, String body, HttpHeaders headers, String contentType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON request body from alternating keys and values, in that order; mutable, so a test can add to it. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    public static Reply exchange(HttpClient http, MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(null), response.getHeaders(),
                    response.getContentType().map(MediaType::toString).orElse(null));
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            return new Reply(response.code(), response.getBody(String.class).orElse(null), response.getHeaders(),
                    response.getContentType().map(MediaType::toString).orElse(null));
        }
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body == null ? "null" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String header(String name) {
        return headers.get(name);
    }
}
