package io.documind.invitation.acceptance;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The invitee's side, for a signed-in user holding the emailed link. */
@Controller("/invitations")
@Authorized(TokenKind.USER)
public class InviteeController {

    private final AcceptanceService service;

    public InviteeController(AcceptanceService service) {
        this.service = service;
    }

    /** What the landing page shows; the link's secret is the {@code token} query parameter. */
    @Get("/{id}")
    @Operation(operationId = "getInvitation")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public InvitationLanding landing(AccessToken token, @PathVariable UUID id,
                                     @QueryValue("token") @NotBlank @Size(max = 128) String secret) {
        return service.landing(id, secret);
    }

    @Post("/{id}/accept")
    @Operation(operationId = "acceptInvitation")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public InvitationLanding accept(AccessToken token, @PathVariable UUID id, @Valid @Body AcceptInvitationRequest body) {
        return service.accept(id, body.token(), Invitee.of(token));
    }
}
