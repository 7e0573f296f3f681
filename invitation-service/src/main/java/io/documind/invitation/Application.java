package io.documind.invitation;

import io.documind.kit.KitApplication;
import io.documind.kit.security.AccessTokenScheme;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Serves its generated OpenAPI document at /swagger/invitation-service.yml and Swagger UI at /swagger-ui/. */
@OpenAPIDefinition(info = @Info(title = "invitation-service", version = "1.0.0",
        description = "Organization invitations: create, send, send again, accept, revoke (Logto-shaped, with a "
                + "management token or an organization token holding invite:member), and the invitee's landing and "
                + "accept calls (user token). Errors are RFC 7807 problem documents."))
@AccessTokenScheme
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        KitApplication.run(Application.class, args);
    }
}
