package io.documind.org.token;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;

/** Management API: starts a signing-key rotation (publish the next key now, sign with it later). */
@Controller("/api/signing-keys")
@Authorized(TokenKind.MANAGEMENT)
public class SigningKeyManagementController {

    @Serdeable
    public record Rotation(String kid) {
    }

    private final KeyRing keys;

    public SigningKeyManagementController(KeyRing keys) {
        this.keys = keys;
    }

    @Post("/rotations")
    @Operation(operationId = "managementRotateSigningKey")
    public Rotation rotate() {
        return new Rotation(keys.rotate());
    }
}
