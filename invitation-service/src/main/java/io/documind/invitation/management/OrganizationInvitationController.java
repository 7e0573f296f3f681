package io.documind.invitation.management;

import io.documind.contracts.security.Scopes;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Logto's organization-invitation API. A management token may act on any organization; an organization
 * token needs invite:member and acts on its own organization only (the kit does not ask a management token
 * for organization scopes: it carries {@code all}).
 */
@Controller(OrganizationInvitationController.PATH)
@Authorized(value = {TokenKind.MANAGEMENT, TokenKind.ORGANIZATION}, scopes = Scopes.INVITE_MEMBER)
public class OrganizationInvitationController {

    static final String PATH = "/api/organization-invitations";

    private final OrganizationInvitationService service;
    private final DirectoryWait directory;

    public OrganizationInvitationController(OrganizationInvitationService service, DirectoryWait directory) {
        this.service = service;
        this.directory = directory;
    }

    @Post
    @Operation(operationId = "createOrganizationInvitation")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.Conflict
    @ProblemResponse.RuleRefused
    @ProblemResponse.TooManyRequests
    public HttpResponse<InvitationResponse> create(AccessToken token, @Valid @Body CreateInvitationRequest body) {
        Caller caller = Caller.of(token);
        directory.untilKnown(caller, body); // an organization created a moment ago may not be known here yet
        Invitation created = service.create(caller, body);
        // As it was made: Pending, whatever the time now.
        return HttpResponse.created(InvitationResponse.of(created, created.createdAt()),
                URI.create(PATH + "/" + created.id()));
    }

    @Get
    @Operation(operationId = "listOrganizationInvitations")
    @ProblemResponse.BadRequest
    public HttpResponse<List<InvitationResponse>> list(AccessToken token,
                                                       @Nullable @QueryValue String organizationId,
                                                       @Nullable @QueryValue String invitee,
                                                       @Nullable @QueryValue String inviterId,
                                                       @Nullable @QueryValue String status,
                                                       @Nullable @QueryValue Integer page,
                                                       @Nullable @QueryValue("page_size") Integer pageSize) {
        InvitationPage result = service.list(Caller.of(token),
                new InvitationQuery(organizationId, invitee, inviterId, status, page, pageSize));
        return HttpResponse.ok(result.items()).header(PageRequest.TOTAL_HEADER, Long.toString(result.total()));
    }

    @Get("/{id}")
    @Operation(operationId = "getOrganizationInvitation")
    @ProblemResponse.NotFound
    public InvitationResponse get(AccessToken token, @PathVariable UUID id) {
        return service.get(Caller.of(token), id);
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteOrganizationInvitation")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(AccessToken token, @PathVariable UUID id) {
        service.delete(Caller.of(token), id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/message")
    @Operation(operationId = "resendOrganizationInvitationMessage")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    @ProblemResponse.TooManyRequests
    public HttpResponse<Void> resend(AccessToken token, @PathVariable UUID id) {
        service.resend(Caller.of(token), id);
        return HttpResponse.noContent();
    }

    @Put("/{id}/status")
    @Operation(operationId = "setOrganizationInvitationStatus")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public InvitationResponse changeStatus(AccessToken token, @PathVariable UUID id,
                                           @Valid @Body StatusChangeRequest body) {
        return service.changeStatus(Caller.of(token), id, body);
    }
}
