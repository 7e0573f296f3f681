package io.documind.org.template;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import jakarta.validation.Valid;

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
    public List<TemplateRequests.Role> list() {
        return template.roles().stream().map(TemplateRequests.Role::of).toList();
    }

    @Post
    public HttpResponse<TemplateRequests.Role> create(@Valid @Body TemplateRequests.CreateRole body) {
        TemplateRequests.Role role = TemplateRequests.Role.of(
                template.createRole(body.name(), body.description(), body.organizationScopeIds()));
        return HttpResponse.created(role, URI.create("/api/organization-roles/" + role.id()));
    }

    @Get("/{id}")
    public TemplateRequests.Role get(@PathVariable UUID id) {
        return TemplateRequests.Role.of(template.role(id));
    }

    @Patch("/{id}")
    public TemplateRequests.Role update(@PathVariable UUID id, @Valid @Body TemplateRequests.UpdateRole body) {
        return TemplateRequests.Role.of(template.updateRole(id, body.name(), body.description()));
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        template.deleteRole(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/scopes")
    public List<OrganizationScope> scopes(@PathVariable UUID id) {
        return template.scopesOfRole(id);
    }

    @Post("/{id}/scopes")
    public HttpResponse<Void> addScopes(@PathVariable UUID id, @Valid @Body TemplateRequests.ScopeIds body) {
        template.addScopesToRole(id, body.organizationScopeIds());
        return HttpResponse.created((Void) null);
    }

    @Put("/{id}/scopes")
    public HttpResponse<Void> replaceScopes(@PathVariable UUID id, @Valid @Body TemplateRequests.ScopeIds body) {
        template.replaceScopesOfRole(id, body.organizationScopeIds());
        return HttpResponse.noContent();
    }

    @Delete("/{id}/scopes/{scopeId}")
    public HttpResponse<Void> removeScope(@PathVariable UUID id, @PathVariable UUID scopeId) {
        template.removeScopeFromRole(id, scopeId);
        return HttpResponse.noContent();
    }
}
