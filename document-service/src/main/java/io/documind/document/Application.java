package io.documind.document;

import io.documind.kit.KitApplication;
import io.documind.kit.security.AccessTokenScheme;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Serves its generated OpenAPI document at /swagger/document-service.yml and Swagger UI at /swagger-ui/. */
@OpenAPIDefinition(info = @Info(title = "document-service", version = "1.0.0",
        description = "Organization-scoped documents. Every call needs an organization token; the organization "
                + "is always the token's. Errors are RFC 7807 problem documents."))
@AccessTokenScheme
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        KitApplication.run(Application.class, args);
    }
}
