package io.documind.org.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.contracts.security.Scopes;
import io.documind.kit.authority.CommittedAuthority;
import io.documind.kit.grants.GrantRule;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.TemplateService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.documind.org.organization.OrganizationScopeGuard.sameOrganization;

/** The app API for members of the token's organization. */
@Controller("/organizations/{id}/members")
@Authorized(TokenKind.ORGANIZATION)
public class MemberController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RolesRequest(@NotNull @Size(max = 50) List<@NotNull @Size(min = 1, max = 128) String> organizationRoleNames) {
    }

    private final MembershipService memberships;
    private final TemplateService template;
    private final CommittedAuthority authority;

    public MemberController(MembershipService memberships, TemplateService template, CommittedAuthority authority) {
        this.memberships = memberships;
        this.template = template;
        this.authority = authority;
    }

    /** Paged by {@code limit} (1-100, default 20) and {@code cursor}: see {@link ListPage#response}. */
    @Get
    @Operation(operationId = "listOrganizationMembers")
    @ApiResponse(responseCode = "200", description = "The members; a Link header with rel=\"next\" when there are more",
            headers = @Header(name = HttpHeaders.LINK, description = "<...?limit=&cursor=>; rel=\"next\""))
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<List<Member>> list(AccessToken token, @PathVariable UUID id, @Nullable @QueryValue Integer limit,
                                           @Nullable @QueryValue @Size(max = 200) String cursor) {
        UUID organization = sameOrganization(token, id);
        return ListPage.response(memberships.members(organization, limit, cursor), "/organizations/" + id + "/members",
                limit);
    }

    @Authorized(value = TokenKind.ORGANIZATION, scopes = Scopes.MANAGE_MEMBER)
    @Put("/{userId}/roles")
    @Operation(operationId = "setOrganizationMemberRoles")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public Member setRoles(AccessToken token, @PathVariable UUID id, @PathVariable @Size(max = 64) String userId,
                           @Valid @Body RolesRequest body) {
        UUID organization = sameOrganization(token, id);
        List<OrganizationRole> roles = template.resolveRoles(null, body.organizationRoleNames());
        GrantRule.requireHeld(token.kind(), token.scopes(), () -> template.heldResourceScopes(organization,
                token.subject()), template.asGranted(roles), "organizationRoleNames");
        return memberships.setRoles(organization, userId, roles, true, outranks(token, organization));
    }

    /**
     * Needs delete:member, and every role the member holds (see {@link #outranks}), except for a member leaving on
     * its own.
     */
    @Delete("/{userId}")
    @Operation(operationId = "removeOrganizationMember")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> remove(AccessToken token, @PathVariable UUID id, @PathVariable @Size(max = 64) String userId) {
        UUID organization = sameOrganization(token, id);
        if (!userId.equals(token.subject()) && !token.hasScope(Scopes.DELETE_MEMBER)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Removing another member needs " + Scopes.DELETE_MEMBER);
        }
        memberships.removeMember(organization, userId, true,
                userId.equals(token.subject()) ? member -> { } : outranks(token, organization));
        return HttpResponse.noContent();
    }

    /**
     * The caller could grant every role the member holds now ({@link GrantRule#requireHeldToTake}); else 403. First
     * the caller's token once more against the authority committed by now (401): a demotion of the caller holds the
     * organization's lock until it commits, and a request checked before that commit waited for the lock and must
     * not then use the scopes its token lost. And again before the change commits: a template edit taking scopes
     * from a role holds its holders' versions until it commits, which the change then waited for. A change of the
     * caller's own roles raises the caller's version itself, once, which that last check allows for: it relies on
     * {@link MembershipService#setRoles} raising it on every call, even for the roles the member already holds.
     */
    private Consumer<Member> outranks(AccessToken token, UUID organization) {
        return member -> {
            authority.require(token);
            if (member.id().equals(token.subject())) {
                authority.requireAtCommitAfterOwnRaise(token);
            } else {
                authority.requireAtCommit(token);
            }
            List<UUID> held = member.organizationRoles().stream().map(r -> UUID.fromString(r.id())).toList();
            GrantRule.requireHeldToTake(token.kind(), token.scopes(),
                    () -> template.heldResourceScopes(organization, token.subject()),
                    template.asGranted(template.existingRoles(held, List.of())));
        };
    }
}
