package io.documind.org.token;

import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.web.BadInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /oidc/token and /oidc/token/revocation: form-encoded in, RFC 6749 JSON out, never cached. */
@PublicEndpoint
@Controller("/oidc")
public class TokenController {

    @Serdeable
    public record OAuthError(String error, String error_description) {
    }

    /** The token request's form, for the OpenAPI document: the endpoint itself reads the form as it comes. */
    @Schema(name = "TokenRequest", description = "Client authentication: HTTP Basic (client_secret_basic), or "
            + "client_id and client_secret in the form (client_secret_post)")
    record TokenForm(
            @Schema(name = "grant_type", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"password", "refresh_token", "client_credentials"}) String grantType,
            @Schema(description = "password: the user's email") String username,
            @Schema(description = "password: the user's password", format = "password") String password,
            @Schema(name = "refresh_token", description = "refresh_token: the last one issued") String refreshToken,
            @Schema(name = "organization_id", description = "refresh_token: for an organization token of this "
                    + "organization") String organizationId,
            @Schema(description = "Space-separated scopes to ask for; for an organization token, of the member's "
                    + "(all of them when absent)") String scope,
            @Schema(description = "The audience: urn:documind:api (password, the default) or "
                    + "urn:documind:management (client_credentials)") String resource,
            @Schema(name = "client_id") String clientId,
            @Schema(name = "client_secret", format = "password") String clientSecret) {
    }

    /** The revocation request's form (RFC 7009), for the OpenAPI document, as {@link TokenForm}. */
    @Schema(name = "TokenRevocationRequest", description = "No client authentication is needed: the refresh token "
            + "is the credential")
    record RevocationForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A refresh token: its whole sign-in "
                    + "ends (every refresh token rotated from it). An unknown one is not an error") String token,
            @Schema(name = "token_type_hint", description = "Ignored: only refresh tokens can be revoked; access "
                    + "tokens live until they expire") String tokenTypeHint) {
    }

    private final TokenService tokens;
    private final MeterRegistry metrics;

    public TokenController(TokenService tokens, MeterRegistry metrics) {
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "requestToken")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenForm.class)))
    @ApiResponse(responseCode = "200", description = "access_token, token_type, expires_in, scope, and a refresh_token "
            + "but for client_credentials (a presented refresh token is spent: keep the new one)")
    @ApiResponse(responseCode = "400", description = "RFC 6749 error: invalid_request, invalid_grant, invalid_scope, "
            + "invalid_target, unsupported_grant_type",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "403", description = "access_denied: not a member of organization_id",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins or client authentications; see "
            + "Retry-After",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "503", description = "temporarily_unavailable: the caller created organization_id "
            + "and is not its Admin yet; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    public HttpResponse<Map<String, Object>> token(HttpRequest<?> request, @Body Map<String, String> form) {
        Client client = client(request, form);
        String grant = form.get("grant_type");
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        TokenService.TokenResponse response = switch (grant == null ? "" : grant) {
            case "password" -> tokens.password(form.get("username"), form.get("password"), client.id(),
                    form.get("scope"), form.get("resource"), address);
            case "refresh_token" -> tokens.refresh(form.get("refresh_token"), form.get("organization_id"), form.get("scope"));
            case "client_credentials" -> tokens.clientCredentials(client.id(), client.secret(), form.get("scope"),
                    form.get("resource"), address);
            case "" -> throw OAuthException.invalidRequest("Missing grant_type");
            default -> throw new OAuthException("unsupported_grant_type", "Unsupported grant_type " + grant);
        };
        String kind = "refresh_token".equals(grant) && form.get("organization_id") != null ? "organization" : "";
        metrics.counter("documind.tokens.issued", "grant", grant, "token", kind.isEmpty() ? tokenKind(grant) : kind)
                .increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", response.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", response.expiresIn());
        body.put("scope", response.scope());
        if (response.refreshToken() != null) {
            body.put("refresh_token", response.refreshToken());
        }
        return noStore(HttpResponse.ok(body));
    }

    /** RFC 7009: revoking an unknown token is not an error. */
    @Post(value = "/token/revocation", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "revokeToken")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = RevocationForm.class)))
    @ApiResponse(responseCode = "200", description = "Revoked, or the token was unknown (RFC 7009); no body")
    @ApiResponse(responseCode = "400", description = "RFC 6749 error invalid_request: no token, or an overlong one",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    public HttpResponse<Void> revoke(@Body Map<String, String> form) {
        tokens.revoke(form.get("token"));
        return noStore(HttpResponse.ok());
    }

    @Error(exception = OAuthException.class)
    public HttpResponse<OAuthError> oauthError(OAuthException e) {
        MutableHttpResponse<OAuthError> response = HttpResponse.<OAuthError>status(e.status())
                .body(new OAuthError(e.error(), e.getMessage()));
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status().getCode() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"documind\"");
        }
        return noStore(response);
    }

    /** The kit's refusal of unstorable form text, in this endpoint's RFC 6749 shape rather than a problem. */
    @Error(exception = BadInputException.class)
    public HttpResponse<OAuthError> badInput(BadInputException e) {
        return oauthError(OAuthException.invalidRequest(e.getMessage()));
    }

    private static String tokenKind(String grant) {
        return "client_credentials".equals(grant) ? "management" : "user";
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    private record Client(@Nullable String id, @Nullable String secret) {
    }

    /** client_secret_basic (RFC 6749 §2.3.1) or client_secret_post. */
    private static Client client(HttpRequest<?> request, Map<String, String> form) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Client(urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1)));
                }
            } catch (IllegalArgumentException e) {
                throw OAuthException.invalidClient();
            }
            throw OAuthException.invalidClient();
        }
        return new Client(form.get("client_id"), form.get("client_secret"));
    }

    private static String urlDecode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
