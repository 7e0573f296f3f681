package io.documind.org.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.TemplateService;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Management API (Logto-shaped): the users of an organization, their roles and their scopes. */
@Controller("/api/organizations/{id}/users")
@Authorized(TokenKind.MANAGEMENT)
public class OrganizationUserManagementController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UserIds(@NotNull @Size(max = 100) List<@NotNull @Size(min = 1, max = 64) String> userIds) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RoleRefs(@Nullable @Size(max = 50) List<@NotNull UUID> organizationRoleIds,
                           @Nullable @Size(max = 50) List<@NotNull @Size(min = 1, max = 128) String> organizationRoleNames) {
    }

    @Serdeable
    public record RoleView(String id, String name) {
    }

    private final MembershipService memberships;
    private final TemplateService template;

    public OrganizationUserManagementController(MembershipService memberships, TemplateService template) {
        this.memberships = memberships;
        this.template = template;
    }

    @Get
    @Operation(operationId = "managementListOrganizationUsers")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<List<Member>> list(@PathVariable UUID id, @Nullable @QueryValue Integer page,
                                           @Nullable @QueryValue("page_size") Integer pageSize) {
        List<Member> members = memberships.members(id, PageRequest.of(page, pageSize));
        return HttpResponse.ok(members).header(PageRequest.TOTAL_HEADER, String.valueOf(memberships.countMembers(id)));
    }

    @Post
    @Operation(operationId = "managementAddOrganizationUsers")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> add(@PathVariable UUID id, @Valid @Body UserIds body) {
        memberships.addUsers(id, body.userIds());
        return HttpResponse.created((Void) null);
    }

    @Put
    @Operation(operationId = "managementReplaceOrganizationUsers")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replace(@PathVariable UUID id, @Valid @Body UserIds body) {
        memberships.replaceUsers(id, body.userIds());
        return HttpResponse.noContent();
    }

    @Delete("/{userId}")
    @Operation(operationId = "managementRemoveOrganizationUser")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> remove(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId) {
        memberships.removeMember(id, userId, false);
        return HttpResponse.noContent();
    }

    @Get("/{userId}/roles")
    @Operation(operationId = "managementListOrganizationUserRoles")
    @ProblemResponse.NotFound
    public List<RoleView> roles(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId) {
        List<String> names = memberships.member(id, userId).roles();
        return template.resolveRoles(null, names).stream().map(r -> new RoleView(r.id().toString(), r.name())).toList();
    }

    @Post("/{userId}/roles")
    @Operation(operationId = "managementAddOrganizationUserRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addRoles(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId,
                                       @Valid @Body RoleRefs body) {
        memberships.addRoles(id, userId, resolve(body));
        return HttpResponse.created((Void) null);
    }

    @Put("/{userId}/roles")
    @Operation(operationId = "managementReplaceOrganizationUserRoles")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> setRoles(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId,
                                       @Valid @Body RoleRefs body) {
        memberships.setRoles(id, userId, resolve(body), false);
        return HttpResponse.noContent();
    }

    @Delete("/{userId}/roles/{roleId}")
    @Operation(operationId = "managementRemoveOrganizationUserRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeRole(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId,
                                         @PathVariable UUID roleId) {
        memberships.removeRole(id, userId, roleId);
        return HttpResponse.noContent();
    }

    @Get("/{userId}/scopes")
    @Operation(operationId = "managementListOrganizationUserScopes")
    @ProblemResponse.NotFound
    public List<String> scopes(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId) {
        return memberships.scopes(id, userId);
    }

    private List<OrganizationRole> resolve(RoleRefs body) {
        boolean ids = body.organizationRoleIds() != null && !body.organizationRoleIds().isEmpty();
        boolean names = body.organizationRoleNames() != null && !body.organizationRoleNames().isEmpty();
        if (ids == names) {
            throw ProblemException.badRequest("organizationRoleIds",
                    "Give exactly one of organizationRoleIds and organizationRoleNames");
        }
        return template.resolveRoles(body.organizationRoleIds(), body.organizationRoleNames());
    }
}
