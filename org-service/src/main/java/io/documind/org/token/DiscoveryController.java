package io.documind.org.token;

import io.documind.contracts.security.TokenClaims;
import io.documind.kit.security.PublicEndpoint;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenID discovery and the JWKS: how resource services find the keys, given only the issuer. */
@PublicEndpoint
@Controller("/oidc")
public class DiscoveryController {

    private final TokenIssuer issuer;
    private final KeyRing keys;
    private final TokenSettings settings;

    public DiscoveryController(TokenIssuer issuer, KeyRing keys, TokenSettings settings) {
        this.issuer = issuer;
        this.keys = keys;
        this.settings = settings;
    }

    @Get("/.well-known/openid-configuration")
    @Operation(operationId = "getOpenIdConfiguration")
    public Map<String, Object> configuration() {
        String base = issuer.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", base);
        doc.put("jwks_uri", base + "/jwks");
        doc.put("token_endpoint", base + "/token");
        doc.put("revocation_endpoint", base + "/token/revocation");
        // Only the grants this deployment answers: the password grant can be switched off.
        Map<String, List<String>> grants = new LinkedHashMap<>(TokenParameters.BY_GRANT);
        if (!settings.isPasswordGrantEnabled()) {
            grants.remove("password");
        }
        doc.put("grant_types_supported", List.copyOf(grants.keySet()));
        // Not standard metadata: what each grant takes; any other known parameter is refused (invalid_request).
        doc.put("grant_parameters_supported", grants);
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.copyOf(TokenService.USER_SCOPES));
        // The fixed audiences; besides them, the indicator of any API resource registered at /api/resources.
        doc.put("resources_supported", List.of(TokenClaims.DEFAULT_API_AUDIENCE, TokenClaims.MANAGEMENT_AUDIENCE,
                TokenClaims.ORGANIZATION_AUDIENCE_PREFIX + "{organizationId}"));
        doc.put("resource_indicators_supported", true);
        return doc;
    }

    /** Short caching: rotation publishes keys well before they sign, so a minute's staleness is harmless. */
    @Get("/jwks")
    @Operation(operationId = "getJwks")
    public HttpResponse<Map<String, Object>> jwks() {
        return HttpResponse.ok(keys.publicKeys().toJSONObject(true))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
    }
}
