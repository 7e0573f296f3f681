package io.documind.kit.security;

import io.documind.contracts.security.Scopes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes of every kind, for {@link AccessControlTest}; each echoes the token it was handed. Their OpenAPI document is
 * generated into the test classes as META-INF/swagger/service-kit.yml, like a service's.
 */
@OpenAPIDefinition(info = @Info(title = "service-kit", version = "test"))
@AccessTokenScheme
@Controller("/secured")
class SecuredTestController {

    @Get("/organization")
    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.READ_DOCUMENTS)
    Map<String, Object> organization(AccessToken token) {
        return echo(token);
    }

    @Get("/organization/update")
    @Authorized(value = TokenKind.ORGANIZATION, scopes = {Scopes.READ_DOCUMENTS, Scopes.UPDATE_DOCUMENTS})
    Map<String, Object> update(AccessToken token) {
        return echo(token);
    }

    @Get("/user")
    @Authorized(TokenKind.USER)
    Map<String, Object> user(AccessToken token) {
        return echo(token);
    }

    @Get("/management")
    @Authorized(TokenKind.MANAGEMENT)
    Map<String, Object> management(AccessToken token) {
        return echo(token);
    }

    /** Like invitation-service: a management token, or an organization token with invite:member. */
    @Get("/invite")
    @Authorized(value = {TokenKind.ORGANIZATION, TokenKind.MANAGEMENT}, scopes = Scopes.INVITE_MEMBER)
    Map<String, Object> invite(AccessToken token) {
        return echo(token);
    }

    @Get("/public")
    @PublicEndpoint
    Map<String, Object> open() {
        return Map.of("public", true);
    }

    /** Forgot its annotation: must be closed to everyone. */
    @Get("/forgotten")
    Map<String, Object> forgotten() {
        return Map.of("reached", true);
    }

    static Map<String, Object> echo(AccessToken token) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("subject", token.subject());
        echo.put("clientId", token.clientId());
        echo.put("kind", token.kind().name());
        echo.put("organizationId", String.valueOf(token.organizationId()));
        echo.put("scopes", String.join(" ", new TreeSet<>(token.scopes())));
        echo.put("tokenId", token.tokenId());
        return echo;
    }

    /** Class-level rule with a method that opens itself. */
    @Controller("/secured/class-authorized")
    @Authorized(TokenKind.USER)
    static class ClassAuthorized {

        @Get("/inherited")
        Map<String, Object> inherited(AccessToken token) {
            return echo(token);
        }

        @Get("/open")
        @PublicEndpoint
        Map<String, Object> open() {
            return Map.of("public", true);
        }
    }

    /** Public class with a method that locks itself. */
    @Controller("/secured/class-public")
    @PublicEndpoint
    static class ClassPublic {

        @Get("/inherited")
        Map<String, Object> inherited() {
            return Map.of("public", true);
        }

        @Get("/locked")
        @Authorized(TokenKind.MANAGEMENT)
        Map<String, Object> locked(AccessToken token) {
            return echo(token);
        }
    }
}
