package io.documind.kit.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * micronaut-security's token authentication, with one change: a refusal raised by our validation steps
 * ({@link InvalidTokenException}, {@link TokenCheckUnavailableException}) is kept on the request and the request goes
 * on unauthenticated, as the library does for a token it refuses silently. Without this the error would end the
 * request even on a public route (a bad token must not matter there), and {@link AuthorizedRule} could not say why.
 *
 * <p>And the {@link TokenValidatedEvent} published for every accepted token carries no host: resolving it (the
 * configured host or the request's Host and Forwarded headers) was 2.7% of the event loop's CPU in
 * {@code ./dev bench documents} (async-profiler), for an event nothing here listens to.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
class RefusalRecordingFetcher extends TokenAuthenticationFetcher {

    RefusalRecordingFetcher(List<TokenValidator<HttpRequest<?>>> tokenValidators,
                            TokenResolver<HttpRequest<?>> tokenResolver,
                            ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher,
                            HttpLocaleResolver httpLocaleResolver) {
        super(tokenValidators, tokenResolver, tokenValidatedEventPublisher, request -> null, httpLocaleResolver);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return Mono.from(super.fetchAuthentication(request))
                .onErrorResume(e -> e instanceof InvalidTokenException || e instanceof TokenCheckUnavailableException,
                        e -> {
                            TokenRefusals.record(request, (RuntimeException) e);
                            return Mono.empty();
                        });
    }
}
