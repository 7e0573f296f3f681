package io.documind.invitation.acceptance;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The invitee's side, for a signed-in user holding the emailed link. */
@Controller("/invitations")
@Authorized(TokenKind.USER)
public class InviteeController {

    private final AcceptanceService service;
    private final MembershipWait membership;

    public InviteeController(AcceptanceService service, MembershipWait membership) {
        this.service = service;
        this.membership = membership;
    }

    /** What the landing page shows; the link's secret is the {@code token} query parameter. */
    @Get("/{id}")
    @Operation(operationId = "getInvitation")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public InvitationLanding landing(AccessToken caller, @PathVariable UUID id,
                                     // named as the query names it: its refusals name the parameter by this name
                                     @QueryValue @NotBlank @Size(max = 128) String token) {
        return service.landing(id, token);
    }

    /**
     * 200 once the invitee is a member (an organization token can be had at once); 202 with Retry-After when the
     * membership did not follow within {@code documind.invitation.accept-wait} (the event consumers are behind,
     * e.g. Kafka is away): accepting again is safe and answers 200 once it is in place. An acceptance older than
     * {@link Acceptance#MEMBERSHIP_EXPECTED_FOR} answers 200 as it stands. 422 when org-service refused to grant the
     * roles (their grantor no longer holds them) or the acceptance (the organization removed the invitee or changed
     * its roles before this service heard of it), or when the organization was deleted before its membership was
     * made: the invitation stays Accepted, and only a new one helps.
     */
    @Post("/{id}/accept")
    @Operation(operationId = "acceptInvitation")
    @ApiResponse(responseCode = "200", description = "Accepted, and the invitee is a member: an organization token "
            + "can be had now")
    @ApiResponse(responseCode = "202", description = "Accepted, but the membership it grants is not in place yet: "
            + "accept again after Retry-After (it changes nothing) until the answer is 200 (at the latest 10 minutes "
            + "after the acceptance, when it answers 200 as the invitation stands), or 422 when no membership will "
            + "come (the roles were refused, or the organization was deleted)",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before asking again",
                    schema = @Schema(type = "integer")))
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<InvitationLanding> accept(AccessToken token, @PathVariable UUID id,
                                                  @Valid @Body AcceptInvitationRequest body) {
        Acceptance acceptance = service.accept(id, body.token(), Invitee.of(token));
        return switch (membership.settle(acceptance)) {
            case MEMBER -> HttpResponse.ok(acceptance.landing());
            case REFUSED -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The invitation was accepted, "
                    + "but its roles were not granted: whoever invited you no longer holds them in the organization. "
                    + "Ask someone who does for a new invitation");
            case REFUSED_FOR_INVITEE -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The invitation "
                    + "was accepted, but the organization removed you or changed your roles just before, so it was not "
                    + "applied. Ask a member of the organization for a new invitation");
            case ORGANIZATION_DELETED -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The invitation "
                    + "was accepted, but its organization has been deleted since: there is nothing to join");
            case NOT_YET -> HttpResponse.<InvitationLanding>status(HttpStatus.ACCEPTED).body(acceptance.landing())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(MembershipWait.RETRY_AFTER_SECONDS));
        };
    }
}
