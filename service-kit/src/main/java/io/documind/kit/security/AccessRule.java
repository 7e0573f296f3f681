package io.documind.kit.security;

import io.documind.contracts.security.Scopes;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.management.endpoint.annotation.Endpoint;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Who may call one route, read from its annotations once. Routes are denied unless they say otherwise. */
sealed interface AccessRule {

    /** {@link PublicEndpoint}, or a management endpoint named in {@code documind.security.public-endpoints}. */
    record Public() implements AccessRule {
    }

    /** Neither annotation: a forgotten annotation must fail closed, for every caller. */
    record DenyAll() implements AccessRule {
    }

    /** {@link Authorized}: a token of one of these kinds, carrying these scopes (a management token: {@code all}). */
    record Requires(Set<TokenKind> kinds, Set<String> scopes) implements AccessRule {

        /** The scopes a token of this kind must carry here. */
        Set<String> scopesFor(TokenKind kind) {
            return kind == TokenKind.MANAGEMENT ? Set.of(Scopes.MANAGEMENT_ALL) : scopes;
        }

        boolean accepts(TokenKind kind) {
            return kinds.contains(kind);
        }
    }

    /** The method's own annotations win over its class's; where both annotations meet, the stricter one wins. */
    static AccessRule of(AnnotationMetadata route, Set<String> publicEndpoints) {
        AccessRule declared = fromAnnotations(route.getDeclaredMetadata());
        if (declared != null) {
            return declared;
        }
        AccessRule inherited = fromAnnotations(route);
        if (inherited != null) {
            return inherited;
        }
        if (route.hasAnnotation(Endpoint.class)) {
            // "id" and "value" are aliases; libraries compiled differently fill one or the other.
            String id = route.stringValue(Endpoint.class, "id").filter(s -> !s.isBlank())
                    .or(() -> route.stringValue(Endpoint.class)).orElse("");
            if (publicEndpoints.contains(id)) {
                return new Public();
            }
        }
        return new DenyAll();
    }

    private static AccessRule fromAnnotations(AnnotationMetadata metadata) {
        if (metadata.hasAnnotation(Authorized.class)) {
            TokenKind[] kinds = metadata.enumValues(Authorized.class, TokenKind.class);
            Set<TokenKind> accepted = kinds.length == 0 ? EnumSet.noneOf(TokenKind.class) : EnumSet.copyOf(List.of(kinds));
            return new Requires(Set.copyOf(accepted), Set.of(metadata.stringValues(Authorized.class, "scopes")));
        }
        if (metadata.hasAnnotation(PublicEndpoint.class)) {
            return new Public();
        }
        return null;
    }
}
