package io.documind.org.role;

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
import jakarta.validation.constraints.Size;

import java.util.List;

/** Management API (Logto-shaped): the global roles of one application. */
@Controller("/api/applications/{id}/roles")
@Authorized(TokenKind.MANAGEMENT)
public class ApplicationRoleManagementController {

    private final RoleService roles;

    public ApplicationRoleManagementController(RoleService roles) {
        this.roles = roles;
    }

    @Get
    @Operation(operationId = "managementListApplicationRoles")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<GlobalRole>> list(@PathVariable @Size(max = 64) String id,
                                               @Nullable @QueryValue Integer page,
                                               @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(roles.rolesOf(RoleService.Holder.APPLICATION, id), page, pageSize);
    }

    @Post
    @Operation(operationId = "managementAssignApplicationRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> assign(@PathVariable @Size(max = 64) String id, @Valid @Body RoleRequests.RoleIds body) {
        roles.assign(RoleService.Holder.APPLICATION, id, body.roleIds(), false);
        return HttpResponse.created((Void) null);
    }

    @Put
    @Operation(operationId = "managementReplaceApplicationRoles")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replace(@PathVariable @Size(max = 64) String id, @Valid @Body RoleRequests.RoleIds body) {
        roles.assign(RoleService.Holder.APPLICATION, id, body.roleIds(), true);
        return HttpResponse.noContent();
    }

    @Delete("/{roleId}")
    @Operation(operationId = "managementRemoveApplicationRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> remove(@PathVariable @Size(max = 64) String id, @PathVariable @Size(max = 64) String roleId) {
        roles.unassign(RoleService.Holder.APPLICATION, id, roleId);
        return HttpResponse.noContent();
    }
}
