package io.documind.org.verification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.emailcode.EmailCodes.Outcome;
import io.documind.org.identity.UserResponse;
import io.documind.org.limits.ClientAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Email verification: the code or the link of the Register email; asking for a new one. */
@Controller
public class EmailVerificationController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record VerificationCode(@NotBlank @Size(max = 16) String code) {
    }

    private final EmailVerification verification;

    public EmailVerificationController(EmailVerification verification) {
        this.verification = verification;
    }

    @Authorized(TokenKind.USER)
    @Post("/me/email-verification")
    @Operation(operationId = "verifyEmail", summary = "Proves the caller's email address with the emailed code",
            description = "A wrong code counts against it; after a few, or once it expired, only a new code helps. "
                    + "Tokens issued afterwards carry email_verified: true.")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public UserResponse verify(AccessToken token, @Valid @Body VerificationCode body) {
        EmailVerification.Result result = verification.verify(token.subject(), body.code());
        if (result.outcome() != Outcome.VERIFIED) {
            throw result.outcome().refusal();
        }
        return UserResponse.of(result.user());
    }

    @Authorized(TokenKind.USER)
    @Post("/me/email-verification/resend")
    @Operation(operationId = "resendEmailVerification", summary = "Sends a new verification code and link")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponse.Conflict
    @ProblemResponse.NotFound
    @ProblemResponse.TooManyRequests
    public HttpResponse<Void> resend(HttpRequest<?> request, AccessToken token) {
        verification.resend(token.subject(), ClientAddress.of(request));
        return HttpResponse.accepted();
    }

    /** The emailed link: its one-time secret proves the address without signing in. */
    @PublicEndpoint
    @Get("/email-verification")
    @Operation(operationId = "verifyEmailByLink", summary = "Proves an email address with the emailed link")
    @ProblemResponse.BadRequest
    public Map<String, Boolean> verifyLink(@QueryValue @NotBlank @Size(max = 128) String token) {
        if (!verification.verifyLink(token)) {
            throw ProblemException.badRequest("token", "The link is unknown, used or expired: ask for a new one");
        }
        return Map.of("emailVerified", true);
    }
}
