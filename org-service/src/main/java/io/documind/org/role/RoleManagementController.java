package io.documind.org.role;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.resource.ResourceScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/** Management API (Logto-shaped): global roles and the API resource scopes they carry. */
@Controller("/api/roles")
@Authorized(TokenKind.MANAGEMENT)
public class RoleManagementController {

    private final RoleService roles;

    public RoleManagementController(RoleService roles) {
        this.roles = roles;
    }

    @Post
    @Operation(operationId = "managementCreateRole")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.RuleRefused
    public HttpResponse<GlobalRole> create(@Valid @Body RoleRequests.CreateRole body) {
        GlobalRole role = roles.create(body.name(), body.description(), body.type(), body.scopeIds());
        return HttpResponse.created(role, URI.create("/api/roles/" + role.id()));
    }

    @Get
    @Operation(operationId = "managementListRoles")
    @ProblemResponse.BadRequest
    public HttpResponse<List<GlobalRole>> list(@Nullable @QueryValue Integer page,
                                               @Nullable @QueryValue("page_size") Integer pageSize) {
        return HttpResponse.ok(roles.page(PageRequest.of(page, pageSize)))
                .header(PageRequest.TOTAL_HEADER, String.valueOf(roles.count()));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetRole")
    @ProblemResponse.NotFound
    public GlobalRole get(@PathVariable @Size(max = 64) String id) {
        return roles.get(id);
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateRole")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public GlobalRole update(@PathVariable @Size(max = 64) String id, @Valid @Body RoleRequests.UpdateRole body) {
        return roles.update(id, body.name(), body.description());
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable @Size(max = 64) String id) {
        roles.delete(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/scopes")
    @Operation(operationId = "managementListRoleScopes")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<ResourceScope>> scopes(@PathVariable @Size(max = 64) String id,
                                                    @Nullable @QueryValue Integer page,
                                                    @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(roles.scopes(id), page, pageSize);
    }

    @Post("/{id}/scopes")
    @Operation(operationId = "managementAddRoleScopes")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<List<ResourceScope>> addScopes(@PathVariable @Size(max = 64) String id,
                                                       @Valid @Body RoleRequests.ScopeIds body) {
        return HttpResponse.created(roles.addScopes(id, body.scopeIds()));
    }

    @Delete("/{id}/scopes/{scopeId}")
    @Operation(operationId = "managementRemoveRoleScope")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeScope(@PathVariable @Size(max = 64) String id,
                                          @PathVariable @Size(max = 64) String scopeId) {
        roles.removeScope(id, scopeId);
        return HttpResponse.noContent();
    }
}
