package io.documind.org.organization;

import io.documind.contracts.events.Actor;
import io.documind.contracts.security.Scopes;
import io.documind.kit.authority.CommittedAuthority;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.identity.User;
import io.documind.org.identity.UserService;
import io.documind.org.limits.AbuseLimits;
import io.documind.org.limits.ClientAddress;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

import static io.documind.org.organization.OrganizationScopeGuard.sameOrganization;

/** The app API for organizations: create with a user token, then read and change with an organization token. */
@Controller("/organizations")
public class OrganizationController {

    private final OrganizationService organizations;
    private final UserService users;
    private final CreatorAdmission admission;
    private final AbuseLimits limits;
    private final CommittedAuthority authority;

    public OrganizationController(OrganizationService organizations, UserService users, CreatorAdmission admission,
                                  AbuseLimits limits, CommittedAuthority authority) {
        this.organizations = organizations;
        this.users = users;
        this.admission = admission;
        this.limits = limits;
        this.authority = authority;
    }

    /**
     * Answers once the creator is Admin (201), so an organization token can be asked for right away; when that
     * takes longer than {@code documind.organization.creator-wait} (the event consumer is behind, e.g. Kafka is
     * down) it answers 202 with the stored organization and Retry-After: the membership follows from the event.
     */
    @Authorized(TokenKind.USER)
    @Post
    @Operation(operationId = "createOrganization")
    @Status(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "Created; the creator is its Admin")
    @ApiResponse(responseCode = "202", description = "Created, but the creator is not Admin yet: ask for an "
            + "organization token after Retry-After seconds",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "seconds"),
            content = @Content(schema = @Schema(implementation = OrganizationResponse.class)))
    @ProblemResponse.BadRequest
    @ProblemResponse.RuleRefused
    @ProblemResponse.TooManyRequests
    public HttpResponse<OrganizationResponse> create(HttpRequest<?> request, AccessToken token,
                                                     @Valid @Body OrganizationRequests.Create body)
            throws InterruptedException {
        limits.organizationCreation(token.subject(), ClientAddress.of(request));
        String email = users.find(token.subject()).map(User::email).orElse(null);
        Organization created = organizations.create(body, new Actor(token.subject(), email));
        URI location = URI.create("/organizations/" + created.id());
        if (admission.awaitCreator(created.id())) {
            return HttpResponse.created(OrganizationResponse.of(created), location);
        }
        return HttpResponse.<OrganizationResponse>status(HttpStatus.ACCEPTED).body(OrganizationResponse.of(created))
                .headers(h -> h.location(location).add(HttpHeaders.RETRY_AFTER,
                        String.valueOf(CreatorAdmission.RETRY_AFTER_SECONDS)));
    }

    @Authorized(TokenKind.ORGANIZATION)
    @Get("/{id}")
    @Operation(operationId = "getOrganization")
    @ProblemResponse.NotFound
    public OrganizationResponse get(AccessToken token, @PathVariable UUID id) {
        return OrganizationResponse.of(organizations.get(sameOrganization(token, id)));
    }

    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.MANAGE_ORGANIZATION)
    @Patch("/{id}")
    @Operation(operationId = "updateOrganization")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public OrganizationResponse update(AccessToken token, @PathVariable UUID id, @Valid @Body OrganizationRequests.Update body) {
        return OrganizationResponse.of(organizations.updateByMember(sameOrganization(token, id), body,
                () -> authority.require(token)));
    }

    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.DELETE_ORGANIZATION)
    @Delete("/{id}")
    @Operation(operationId = "deleteOrganization")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(AccessToken token, @PathVariable UUID id) {
        organizations.delete(sameOrganization(token, id), () -> authority.require(token));
        return HttpResponse.noContent();
    }
}
