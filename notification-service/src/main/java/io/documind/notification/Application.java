package io.documind.notification;

import io.documind.kit.KitApplication;
import io.documind.kit.security.AccessTokenScheme;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Serves its generated OpenAPI document at /swagger/notification-service.yml and Swagger UI at /swagger-ui/. */
@OpenAPIDefinition(info = @Info(title = "notification-service", version = "1.0.0",
        description = "Email templates and the email delivery log (management token). Errors are RFC 7807 "
                + "problem documents."))
@AccessTokenScheme
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        KitApplication.run(Application.class, args);
    }
}
