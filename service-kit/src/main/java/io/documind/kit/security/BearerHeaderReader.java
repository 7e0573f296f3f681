package io.documind.kit.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the bearer token in place of micronaut-security's {@link BearerTokenReader}, which takes the first of
 * several {@code Authorization} headers and matches the scheme case-sensitively: a request with two headers is
 * refused here (which one would the caller mean?), the scheme is matched in any case (RFC 6750 §2.1), and tokens
 * larger than ours could ever be are refused before any parsing.
 */
@Singleton
@Replaces(BearerTokenReader.class)
public class BearerHeaderReader implements TokenReader<HttpRequest<?>> {

    /** Ours are well under 2 KB. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        List<String> authorization = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        if (authorization.size() > 1) {
            TokenRefusals.record(request, new InvalidTokenException("More than one Authorization header"));
            return Optional.empty();
        }
        String token = bearerToken(authorization.get(0));
        if (token == null) {
            return Optional.empty();
        }
        TokenRefusals.presented(request);
        if (token.length() > MAX_TOKEN_LENGTH) {
            TokenRefusals.record(request, new InvalidTokenException("The access token is malformed"));
            return Optional.empty();
        }
        return Optional.of(token);
    }

    @Override
    public int getOrder() {
        return BearerTokenReader.ORDER;
    }

    /** RFC 6750 §2.1: {@code Bearer} (any case), one or more spaces, the token. Null when it is another scheme. */
    @Nullable
    static String bearerToken(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
