package io.documind.org;

import io.documind.kit.KitApplication;
import io.documind.kit.security.AccessTokenScheme;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Serves its generated OpenAPI document at /swagger/org-service.yml and Swagger UI at /swagger-ui/. */
@OpenAPIDefinition(info = @Info(title = "org-service", version = "1.0.0",
        description = "Identity, tokens (the platform's authorization server under /oidc), organizations, the "
                + "organization template and memberships: the app API and the Logto-shaped Management API. Errors are "
                + "RFC 7807 problem documents, except the token endpoint's RFC 6749 errors."))
@AccessTokenScheme
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        KitApplication.run(Application.class, args);
    }
}
