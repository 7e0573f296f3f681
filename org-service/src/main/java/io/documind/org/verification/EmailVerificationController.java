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
import io.documind.org.jit.JustInTime;
import io.documind.org.limits.AbuseLimits;
import io.documind.org.limits.ClientAddress;
import io.micronaut.core.annotation.Nullable;
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

/** Email verification: the code or the link of the Register email, by the signed-in account; asking for a new one. */
@Controller
public class EmailVerificationController {

    /** Exactly one of the emailed code and the emailed link's {@code token}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record VerificationCode(@Nullable @Size(min = 1, max = 16) String code,
                                   @Nullable @Size(min = 1, max = 128) String token) {
    }

    private final EmailVerification verification;
    private final AbuseLimits limits;
    private final JustInTime jit;

    public EmailVerificationController(EmailVerification verification, AbuseLimits limits, JustInTime jit) {
        this.verification = verification;
        this.limits = limits;
        this.jit = jit;
    }

    @Authorized(TokenKind.USER)
    @Post("/me/email-verification")
    @Operation(operationId = "verifyEmail", summary = "Proves the caller's email address with the emailed code or link",
            description = "{code} or {token} (the emailed link's), not both. A wrong code counts against it; after "
                    + "a few, or once it expired, only a new code helps. A link works only for the account it was "
                    + "sent to. Codes tried per account, per client address and, at a domain that joins organizations "
                    + "just in time, per domain are limited per day (429). Tokens issued afterwards carry "
                    + "email_verified: true.")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    @ProblemResponse.TooManyRequests
    public UserResponse verify(HttpRequest<?> request, AccessToken token, @Valid @Body VerificationCode body) {
        if ((body.code() == null) == (body.token() == null)) {
            throw ProblemException.badRequest("code", "Give either the emailed code or the link's token");
        }
        if (body.token() != null) {
            return verification.verifyLink(body.token(), token.subject()).map(UserResponse::of)
                    .orElseThrow(() -> ProblemException.badRequest("token",
                            "The link is unknown, used, expired or another account's: ask for a new one"));
        }
        // Outside verify's transaction. The token's address is the account's: an email change raises its version.
        limits.verificationCodeCheck(token.subject(), ClientAddress.of(request), jit.joiningDomainOf(token.email()));
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

    /**
     * Where the emailed link lands: says what it would prove and changes nothing. Opening a link must not prove an
     * address (mail scanners open every link; whoever reads the mail need not own the account that asked): the
     * account's own user, signed in, proves it with {@code POST /me/email-verification {token}}.
     */
    @PublicEndpoint
    @Get("/email-verification")
    @Operation(operationId = "emailVerificationLink", summary = "What an emailed verification link would prove",
            description = "Changes nothing. Sign in as the account the link was sent to and send its token to "
                    + "POST /me/email-verification.")
    @ProblemResponse.BadRequest
    public Map<String, Object> verifyLink(@QueryValue @NotBlank @Size(max = 128) String token) {
        String email = verification.linkAddress(token).orElseThrow(() -> ProblemException.badRequest("token",
                "The link is unknown, used or expired: ask for a new one"));
        return Map.of("email", email, "emailVerified", false,
                "next", "Sign in as the account and POST /me/email-verification with {\"token\": <this token>}");
    }
}
