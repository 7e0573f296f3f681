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

/** What came back from the service's API, error or not. */
public record Reply(int status, String body, HttpHeaders headers, String contentType) {

    private static final ObjectMapper JSON = new ObjectMapper();

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
