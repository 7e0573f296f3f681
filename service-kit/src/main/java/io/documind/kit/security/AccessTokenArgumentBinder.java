package io.documind.kit.security;

import io.micronaut.core.bind.ArgumentBinder;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Gives a controller the validated token: declare a parameter of type {@link AccessToken}. On an
 * {@link Authorized} route it is always there; on a {@link PublicEndpoint} route tokens are not looked at, so
 * such a parameter would stay unbound.
 */
@Singleton
public class AccessTokenArgumentBinder implements TypedRequestArgumentBinder<AccessToken> {

    private static final Argument<AccessToken> TYPE = Argument.of(AccessToken.class);

    @Override
    public Argument<AccessToken> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<AccessToken> bind(ArgumentConversionContext<AccessToken> context, HttpRequest<?> request) {
        // Unsatisfied (not empty) before the security filter ran, so binding is tried again after filters, as
        // micronaut-security's own principal binder does.
        Optional<AccessToken> token = request.getAttribute(AuthorizedRule.ACCESS_TOKEN, AccessToken.class);
        return token.isPresent() ? () -> token : ArgumentBinder.BindingResult.unsatisfied();
    }
}
