package io.documind.org.token;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.http.HttpStatus;
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
    @ProblemResponse.Conflict
    public Rotation rotate() {
        if (keys.configured()) {
            throw new ProblemException(HttpStatus.CONFLICT, "The signing keys come from DOCUMIND_SIGNING_KEYS: "
                    + "rotate them there, publishing the next key in the set before it signs");
        }
        return new Rotation(keys.rotate());
    }
}
