package io.documind.org.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.OrganizationScope;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Bulk: the roles go to every one of the users (Logto's POST /api/organizations/{id}/users/roles). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UsersRoles(@NotNull @Size(min = 1, max = 100) List<@NotNull @Size(min = 1, max = 64) String> userIds,
                             @Nullable @Size(max = 50) List<@NotNull UUID> organizationRoleIds,
                             @Nullable @Size(max = 50) List<@NotNull @Size(min = 1, max = 128) String> organizationRoleNames) {
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
    @ProblemResponse.BadRequest
    public HttpResponse<List<OrganizationRoleRef>> roles(@PathVariable UUID id,
                                                         @PathVariable @Size(max = 64) String userId,
                                                         @Nullable @QueryValue Integer page,
                                                         @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(memberships.member(id, userId).organizationRoles(), page, pageSize);
    }

    @Post("/roles")
    @Operation(operationId = "managementAddOrganizationUsersRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addRolesToUsers(@PathVariable UUID id, @Valid @Body UsersRoles body) {
        memberships.addRolesToMembers(id, body.userIds(), resolve(body.organizationRoleIds(), body.organizationRoleNames()));
        return HttpResponse.created((Void) null);
    }

    @Post("/{userId}/roles")
    @Operation(operationId = "managementAddOrganizationUserRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addRoles(@PathVariable UUID id, @PathVariable @Size(max = 64) String userId,
                                       @Valid @Body RoleRefs body) {
        memberships.addRoles(id, userId, resolve(body.organizationRoleIds(), body.organizationRoleNames()));
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
        memberships.setRoles(id, userId, resolve(body.organizationRoleIds(), body.organizationRoleNames()), false);
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
    @ProblemResponse.RuleRefused
    @ProblemResponse.BadRequest
    public HttpResponse<List<OrganizationScope>> scopes(@PathVariable UUID id,
                                                        @PathVariable @Size(max = 64) String userId,
                                                        @Nullable @QueryValue Integer page,
                                                        @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(memberships.scopes(id, userId), page, pageSize);
    }

    /** Roles named by id, by name, or both (merged, as Logto does); at least one of them must be given. */
    private List<OrganizationRole> resolve(List<UUID> ids, List<String> names) {
        boolean byId = ids != null && !ids.isEmpty();
        boolean byName = names != null && !names.isEmpty();
        if (!byId && !byName) {
            throw ProblemException.badRequest("organizationRoleIds",
                    "Give organizationRoleIds and/or organizationRoleNames");
        }
        Map<UUID, OrganizationRole> merged = new LinkedHashMap<>();
        for (OrganizationRole role : template.resolveRoles(ids, null)) {
            merged.put(role.id(), role);
        }
        for (OrganizationRole role : template.resolveRoles(null, names)) {
            merged.putIfAbsent(role.id(), role);
        }
        return List.copyOf(merged.values());
    }
}
