package io.documind.invitation.management;

import io.documind.contracts.EmailAddress;
import io.documind.invitation.lifecycle.InvitationRules;
import io.documind.kit.web.MailableAddress;
import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Logto's create-invitation body. {@code expiresAt} is epoch milliseconds (Logto) or an ISO-8601 instant;
 * {@code messagePayload: false} means no email now (a later {@code /message} sends one).
 */
@Serdeable
public record CreateInvitationRequest(
        // As sign-up's address: an invitee nobody can sign up as could never accept, and its email failed in the
        // mailer ("<x>@example.com", a quoted local part) while the Pending invitation blocked another.
        @NotBlank @Size(min = 3, max = 254) @Email(message = "must be an email address")
        @Pattern(regexp = EmailAddress.ACCEPTED, message = EmailAddress.ACCEPTED_MESSAGE) @MailableAddress
        String invitee,
        @Nullable @Size(min = 1, max = 64) String organizationId,
        @Nullable @Size(min = 1, max = 64) String inviterId,
        @Nullable @Size(max = 50) List<@NotBlank @Size(max = 128) String> organizationRoleNames,
        @Nullable @Size(max = 50) List<@NotBlank @Size(max = 64) String> organizationRoleIds,
        @Nullable JsonNode expiresAt,
        @Nullable JsonNode messagePayload) {

    /** The requested expiry, or null for the default. */
    public Instant requestedExpiry() {
        if (expiresAt == null || expiresAt.isNull()) {
            return null;
        }
        try {
            if (expiresAt.isNumber()) {
                return Instant.ofEpochMilli(expiresAt.getNumberValue().longValue());
            }
            if (expiresAt.isString()) {
                return Instant.parse(expiresAt.getStringValue());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // falls through to the same answer as any other bad value
        }
        throw ProblemException.badRequest(InvitationRules.FIELD_EXPIRES_AT,
                "expiresAt must be epoch milliseconds or an ISO-8601 instant");
    }

    /** Whether to send the invitation email now: unless {@code messagePayload} is {@code false}. */
    public boolean sendsMessage() {
        if (messagePayload == null || messagePayload.isNull() || messagePayload.isObject()) {
            return true;
        }
        if (messagePayload.isBoolean() && !messagePayload.getBooleanValue()) {
            return false; // true is no payload: Logto's type is an object or false
        }
        throw ProblemException.badRequest("messagePayload", "messagePayload must be an object or false");
    }
}
