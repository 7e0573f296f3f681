package io.documind.org.token;

import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.web.BadInputException;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.UndecodableBodies;
import io.documind.org.identity.PasswordHashingBusyException;
import io.documind.org.limits.ClientAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** POST /oidc/token and /oidc/token/revocation: form-encoded in, RFC 6749 JSON out, never cached. */
@PublicEndpoint
@Controller("/oidc")
public class TokenController {

    @Serdeable
    public record OAuthError(String error, String error_description) {
    }

    /** The token request's form, for the OpenAPI document: the endpoint itself reads the form as it comes. */
    @Schema(name = "TokenRequest", description = "Client authentication: HTTP Basic (client_secret_basic), or "
            + "client_id and client_secret in the form (client_secret_post). A parameter of another grant (see "
            + "discovery's grant_parameters_supported) or one given twice is invalid_request, a second resource "
            + "invalid_target; unknown parameter names and empty values are ignored")
    record TokenForm(
            @Schema(name = "grant_type", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"password", "refresh_token", "client_credentials"}) String grantType,
            @Schema(description = "password: the user's email") String username,
            @Schema(description = "password: the user's password", format = "password") String password,
            @Schema(name = "refresh_token", description = "refresh_token: the last one issued") String refreshToken,
            @Schema(name = "organization_id", description = "refresh_token (a member) or client_credentials (an "
                    + "application of the organization): for an organization token of this organization")
            String organizationId,
            @Schema(description = "Space-separated scopes to ask for; for an organization or API resource token, "
                    + "of those the caller's roles grant (all of them when absent)") String scope,
            @Schema(description = "The audience (RFC 8707, once): urn:documind:api (the default of user tokens), "
                    + "urn:documind:management (client_credentials, its default) or a registered API resource's "
                    + "indicator") String resource,
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
    /** By grant and kind: the registry's lookup builds an id and hashes its tags on every call. */
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();

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
            + "invalid_target (an unknown or second resource), unsupported_grant_type, unauthorized_client (a "
            + "management token for an application without management access)",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "403", description = "access_denied: not a member (user) or not an application "
            + "(client_credentials) of organization_id, or a member of an organization that requires MFA "
            + "(isMfaRequired)",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins or client authentications; see "
            + "Retry-After",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    @ApiResponse(responseCode = "503", description = "temporarily_unavailable: the caller created organization_id "
            + "and is not its Admin yet; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    public HttpResponse<Map<String, Object>> token(HttpRequest<?> request, @Body Map<String, Object> form) {
        TokenParameters p = TokenParameters.of(form);
        Client client = client(request, p);
        if (client.secret() != null && !client.secret().isEmpty() && !p.grant().equals("client_credentials")) {
            // As a client_secret in the form of these grants is refused: a secret nobody checks must not look checked.
            // An empty one is how some libraries name a public client by Basic ("client_id:"): that passes.
            throw OAuthException.invalidRequest("The " + p.grant() + " grant takes no client secret: its client is "
                    + "public (send client_id alone)");
        }
        String address = ClientAddress.of(request);
        TokenService.TokenResponse response = switch (p.grant()) {
            case "password" -> tokens.password(p.get("username"), p.get("password"), client.id(),
                    p.get("scope"), p.get("resource"), address);
            case "refresh_token" -> tokens.refresh(p.get("refresh_token"), client.id(), p.get("organization_id"),
                    p.get("scope"), p.get("resource"));
            case "client_credentials" -> tokens.clientCredentials(client.id(), client.secret(), p.get("scope"),
                    p.get("resource"), p.get("organization_id"), address);
            default -> throw new IllegalStateException("TokenParameters admits no grant " + p.grant());
        };
        issued.computeIfAbsent(p.grant() + " " + response.kind(),
                key -> metrics.counter("documind.tokens.issued", "grant", p.grant(), "token", response.kind()))
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
    public HttpResponse<Void> revoke(@Body Map<String, Object> form) {
        // Bound as strings, "token" given twice was one unknown token joined from both: 200, nothing revoked.
        tokens.revoke(TokenParameters.single("token", form.get("token"))); // "" when absent: refused as missing
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

    /** A full password-hashing queue, in this endpoint's RFC 6749 shape: temporarily_unavailable, 503. */
    @Error(exception = PasswordHashingBusyException.class)
    public HttpResponse<OAuthError> hashingBusy(PasswordHashingBusyException e) {
        return oauthError(new OAuthException("temporarily_unavailable", e.getMessage(), HttpStatus.SERVICE_UNAVAILABLE,
                PasswordHashingBusyException.RETRY_AFTER_SECONDS));
    }

    /** The kit's refusal of unstorable form text, in this endpoint's RFC 6749 shape rather than a problem. */
    @Error(exception = BadInputException.class)
    public HttpResponse<OAuthError> badInput(BadInputException e) {
        return oauthError(OAuthException.invalidRequest(e.getMessage()));
    }

    /**
     * The kit's refusals before the form is read (a body without a Content-Type, a Content-Encoding nothing decoded),
     * in this endpoint's RFC 6749 shape, with their status (415).
     */
    @Error(exception = ProblemException.class)
    public HttpResponse<OAuthError> refused(ProblemException e) {
        return oauthError(new OAuthException("invalid_request", e.getMessage(), e.status(), e.retryAfterSeconds()));
    }

    /** No form at all (an empty body): RFC 6749's invalid_request, not the framework's problem document. */
    @Error(exception = UnsatisfiedBodyRouteException.class)
    public HttpResponse<OAuthError> noForm(UnsatisfiedBodyRouteException e) {
        return oauthError(OAuthException.invalidRequest("The request has no form body"));
    }

    /** A compressed form that does not decompress (the kit answers a problem elsewhere). */
    @Error(exception = DecompressionException.class)
    public HttpResponse<OAuthError> undecompressed(DecompressionException e) {
        return oauthError(OAuthException.invalidRequest("The body " + UndecodableBodies.Compressed.MESSAGE));
    }

    /** A form with a malformed %-escape (the kit answers a problem elsewhere). */
    @Error(exception = HttpPostRequestDecoder.ErrorDataDecoderException.class)
    public HttpResponse<OAuthError> malformedForm(HttpPostRequestDecoder.ErrorDataDecoderException e) {
        return oauthError(OAuthException.invalidRequest("The body " + UndecodableBodies.Form.MESSAGE));
    }

    /** Whether the path is one of this controller's, whose errors are RFC 6749's (see TokenEndpointErrors). */
    static boolean isTokenEndpoint(String path) {
        return path.equals("/oidc/token") || path.equals("/oidc/token/revocation");
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    private record Client(@Nullable String id, @Nullable String secret) {
    }

    /**
     * client_secret_basic (RFC 6749 §2.3.1) or client_secret_post, never both: a client "MUST NOT use more than one
     * authentication method in each request" (§2.3), and a server that silently picks one leaves the other
     * unchecked. A form {@code client_id} beside Basic may only repeat Basic's.
     */
    private static Client client(HttpRequest<?> request, TokenParameters form) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return plausible(new Client(form.get("client_id"), form.get("client_secret")));
        }
        Client basic = basic(authorization);
        if (form.get("client_secret") != null) {
            throw OAuthException.invalidRequest("Authenticate the client once: HTTP Basic or client_secret in the "
                    + "form, not both");
        }
        String formId = form.get("client_id");
        if (formId != null && !formId.equals(basic.id())) {
            throw OAuthException.invalidRequest("client_id differs from the client authenticated by HTTP Basic");
        }
        return plausible(basic);
    }

    /** Longer than any client id this server issues (UUIDs, the local stack's name), with room to spare. */
    private static final int CLIENT_ID_MAX = 256;

    /**
     * A client id no client can have is refused here as an unknown client (401 invalid_client), before it becomes a
     * lookup or a throttle key: a NUL or other control character (Basic credentials are URL-decoded, and headers
     * escape the kit's body checks) is text PostgreSQL refuses, and a long one overflows the throttle key's index.
     */
    private static Client plausible(Client client) {
        String id = client.id();
        if (id != null && (id.length() > CLIENT_ID_MAX || id.chars().anyMatch(Character::isISOControl))) {
            throw OAuthException.invalidClient();
        }
        return client;
    }

    private static Client basic(String authorization) {
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new Client(urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient();
        }
        throw OAuthException.invalidClient();
    }

    private static String urlDecode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
