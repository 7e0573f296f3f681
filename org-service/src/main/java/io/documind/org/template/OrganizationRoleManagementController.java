package io.documind.org.template;

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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Management API: the template's organization roles and the scopes each grants. */
@Controller("/api/organization-roles")
@Authorized(TokenKind.MANAGEMENT)
public class OrganizationRoleManagementController {

    private final TemplateService template;

    public OrganizationRoleManagementController(TemplateService template) {
        this.template = template;
    }

    @Get
    @Operation(operationId = "managementListOrganizationRoles")
    @ProblemResponse.BadRequest
    public HttpResponse<List<TemplateRequests.Role>> list(@Nullable @QueryValue Integer page,
                                                          @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(template.roles().stream().map(TemplateRequests.Role::of).toList(), page, pageSize);
    }

    @Post
    @Operation(operationId = "managementCreateOrganizationRole")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.RuleRefused
    public HttpResponse<TemplateRequests.Role> create(@Valid @Body TemplateRequests.CreateRole body) {
        TemplateRequests.Role role = TemplateRequests.Role.of(
                template.createRole(body.name(), body.description(), body.organizationScopeIds()));
        return HttpResponse.created(role, URI.create("/api/organization-roles/" + role.id()));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetOrganizationRole")
    @ProblemResponse.NotFound
    public TemplateRequests.Role get(@PathVariable UUID id) {
        return TemplateRequests.Role.of(template.role(id));
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateOrganizationRole")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public TemplateRequests.Role update(@PathVariable UUID id, @Valid @Body TemplateRequests.UpdateRole body) {
        return TemplateRequests.Role.of(template.updateRole(id, body.name(), body.description()));
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteOrganizationRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        template.deleteRole(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/scopes")
    @Operation(operationId = "managementListOrganizationRoleScopes")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<OrganizationScope>> scopes(@PathVariable UUID id,
                                                        @Nullable @QueryValue Integer page,
                                                        @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(template.scopesOfRole(id), page, pageSize);
    }

    @Post("/{id}/scopes")
    @Operation(operationId = "managementAddOrganizationRoleScopes")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addScopes(@PathVariable UUID id, @Valid @Body TemplateRequests.ScopeIds body) {
        template.addScopesToRole(id, body.organizationScopeIds());
        return HttpResponse.created((Void) null);
    }

    @Put("/{id}/scopes")
    @Operation(operationId = "managementReplaceOrganizationRoleScopes")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replaceScopes(@PathVariable UUID id, @Valid @Body TemplateRequests.ScopeIds body) {
        template.replaceScopesOfRole(id, body.organizationScopeIds());
        return HttpResponse.noContent();
    }

    @Delete("/{id}/scopes/{scopeId}")
    @Operation(operationId = "managementRemoveOrganizationRoleScope")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeScope(@PathVariable UUID id, @PathVariable UUID scopeId) {
        template.removeScopeFromRole(id, scopeId);
        return HttpResponse.noContent();
    }

    @Get("/{id}/resource-scopes")
    @Operation(operationId = "managementListOrganizationRoleResourceScopes")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<ResourceScope>> resourceScopes(@PathVariable UUID id,
                                                            @Nullable @QueryValue Integer page,
                                                            @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(template.resourceScopesOfRole(id), page, pageSize);
    }

    @Post("/{id}/resource-scopes")
    @Operation(operationId = "managementAddOrganizationRoleResourceScopes")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addResourceScopes(@PathVariable UUID id,
                                                @Valid @Body TemplateRequests.ResourceScopeIds body) {
        template.addResourceScopesToRole(id, body.scopeIds());
        return HttpResponse.created((Void) null);
    }

    @Put("/{id}/resource-scopes")
    @Operation(operationId = "managementReplaceOrganizationRoleResourceScopes")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replaceResourceScopes(@PathVariable UUID id,
                                                    @Valid @Body TemplateRequests.ResourceScopeIds body) {
        template.replaceResourceScopesOfRole(id, body.scopeIds());
        return HttpResponse.noContent();
    }

    @Delete("/{id}/resource-scopes/{scopeId}")
    @Operation(operationId = "managementRemoveOrganizationRoleResourceScope")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeResourceScope(@PathVariable UUID id, @PathVariable @Size(max = 64) String scopeId) {
        template.removeResourceScopeFromRole(id, scopeId);
        return HttpResponse.noContent();
    }
}
