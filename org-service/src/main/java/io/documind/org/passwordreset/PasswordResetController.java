package io.documind.org.passwordreset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.emailcode.EmailCodes.Outcome;
import io.documind.org.jit.JustInTime;
import io.documind.org.limits.AbuseLimits;
import io.documind.org.limits.ClientAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Password reset by emailed code, without signing in. */
@Controller("/password-reset")
@PublicEndpoint
public class PasswordResetController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ResetConfirmation(@NotBlank @Email @Size(max = 254) String email,
                                    @NotBlank @Size(max = 16) String code,
                                    @NotNull @Size(max = 256) String password) {
    }

    private final PasswordReset reset;
    private final AbuseLimits limits;
    private final JustInTime jit;

    public PasswordResetController(PasswordReset reset, AbuseLimits limits, JustInTime jit) {
        this.reset = reset;
        this.jit = jit;
        this.limits = limits;
    }

    @Post
    @Operation(operationId = "requestPasswordReset", summary = "Emails a password reset code (ForgotPassword)",
            description = "Answers 202 alike whether or not the address has an account.")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponse.BadRequest
    @ProblemResponse.TooManyRequests
    public HttpResponse<Void> request(HttpRequest<?> request, @Valid @Body ResetRequest body) {
        reset.request(body.email(), ClientAddress.of(request));
        return HttpResponse.accepted();
    }

    @Post("/confirm")
    @Operation(operationId = "confirmPasswordReset", summary = "Sets a new password with the emailed code",
            description = "Ends every sign-in of the user: its refresh tokens and access tokens are refused. Codes "
                    + "tried per address and per client address are limited per day (429). Every refused code gets "
                    + "one answer (400), whether wrong, used up by wrong tries, or sent to no account.")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.TooManyRequests
    public HttpResponse<Void> confirm(HttpRequest<?> request, @Valid @Body ResetConfirmation body) {
        // Outside confirm's transaction. A right code also proves the address, so a JIT domain's budget applies.
        limits.resetCodeCheck(body.email(), ClientAddress.of(request), jit.joiningDomainOf(body.email()));
        Outcome outcome = reset.confirm(body.email(), body.code(), body.password());
        if (outcome != Outcome.VERIFIED) {
            // One answer for every refusal: the request already answers 202 alike for every address, and a "wrong
            // code" or "too many wrong codes" here told anyone that the address has an account (sign-up may be off).
            throw ProblemException.badRequest("code", "The code is wrong, or no code is waiting for this address "
                    + "(it expired, a newer one replaced it, or too many wrong tries used it up): check it, or ask "
                    + "for a new one");
        }
        return HttpResponse.noContent();
    }
}
