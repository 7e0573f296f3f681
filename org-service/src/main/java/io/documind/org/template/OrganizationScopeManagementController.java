package io.documind.org.template;

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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Management API: the template's organization scopes. */
@Controller("/api/organization-scopes")
@Authorized(TokenKind.MANAGEMENT)
public class OrganizationScopeManagementController {

    private final TemplateService template;

    public OrganizationScopeManagementController(TemplateService template) {
        this.template = template;
    }

    @Get
    @Operation(operationId = "managementListOrganizationScopes")
    @ProblemResponse.BadRequest
    public HttpResponse<List<OrganizationScope>> list(@Nullable @QueryValue Integer page,
                                                      @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(template.scopes(), page, pageSize);
    }

    @Post
    @Operation(operationId = "managementCreateOrganizationScope")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.RuleRefused
    public HttpResponse<OrganizationScope> create(@Valid @Body TemplateRequests.CreateScope body) {
        OrganizationScope scope = template.createScope(body.name(), body.description());
        return HttpResponse.created(scope, URI.create("/api/organization-scopes/" + scope.id()));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetOrganizationScope")
    @ProblemResponse.NotFound
    public OrganizationScope get(@PathVariable UUID id) {
        return template.scope(id);
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateOrganizationScope")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public OrganizationScope update(@PathVariable UUID id, @Valid @Body TemplateRequests.UpdateScope body) {
        return template.updateScope(id, body.name(), body.description());
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteOrganizationScope")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        template.deleteScope(id);
        return HttpResponse.noContent();
    }
}
