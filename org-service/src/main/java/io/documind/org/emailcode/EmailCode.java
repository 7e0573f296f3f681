package io.documind.org.emailcode;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The live one-time code of a user for one purpose ({@code Register} or {@code ForgotPassword}), stored only as
 * hashes. {@code email} is the address it was sent to: the code proves that address and no other.
 */
@MappedEntity("email_code")
public record EmailCode(@Id String id,
                        String userId,
                        String purpose,
                        String email,
                        String codeHash,
                        @Nullable String linkHash,
                        int attempts,
                        Instant expiresAt,
                        Instant createdAt) {

    static String idOf(String userId, String purpose) {
        return userId + ":" + purpose;
    }
}
