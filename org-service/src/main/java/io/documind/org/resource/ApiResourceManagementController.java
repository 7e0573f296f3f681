package io.documind.org.resource;

import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.template.TemplateService;
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

/** Management API (Logto-shaped): API resources and their scopes. */
@Controller("/api/resources")
@Authorized(TokenKind.MANAGEMENT)
public class ApiResourceManagementController {

    private final ApiResourceService resources;
    /** Deletions go through the template: they take scopes from its roles, which is announced. */
    private final TemplateService template;

    public ApiResourceManagementController(ApiResourceService resources, TemplateService template) {
        this.resources = resources;
        this.template = template;
    }

    @Post
    @Operation(operationId = "managementCreateResource")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.RuleRefused
    public HttpResponse<ResourceRequests.Resource> create(@Valid @Body ResourceRequests.CreateResource body) {
        ApiResource created = resources.create(body.name(), body.indicator(), body.accessTokenTtl());
        return HttpResponse.created(ResourceRequests.Resource.of(created), URI.create("/api/resources/" + created.id()));
    }

    @Get
    @Operation(operationId = "managementListResources")
    @ProblemResponse.BadRequest
    public HttpResponse<List<ResourceRequests.Resource>> list(@Nullable @QueryValue Integer page,
                                                              @Nullable @QueryValue("page_size") Integer pageSize) {
        PageRequest paging = PageRequest.of(page, pageSize);
        List<ResourceRequests.Resource> body = resources.page(paging).stream().map(ResourceRequests.Resource::of).toList();
        return HttpResponse.ok(body).header(PageRequest.TOTAL_HEADER, String.valueOf(resources.count()));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetResource")
    @ProblemResponse.NotFound
    public ResourceRequests.Resource get(@PathVariable @Size(max = 64) String id) {
        return ResourceRequests.Resource.of(resources.get(id));
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateResource")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public ResourceRequests.Resource update(@PathVariable @Size(max = 64) String id,
                                            @Valid @Body ResourceRequests.UpdateResource body) {
        return ResourceRequests.Resource.of(resources.update(id, body.name(), body.accessTokenTtl()));
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteResource")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable @Size(max = 64) String id) {
        template.deleteApiResource(id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/scopes")
    @Operation(operationId = "managementCreateResourceScope")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<ResourceScope> createScope(@PathVariable @Size(max = 64) String id,
                                                   @Valid @Body ResourceRequests.CreateScope body) {
        ResourceScope scope = resources.createScope(id, body.name(), body.description());
        return HttpResponse.created(scope, URI.create("/api/resources/" + id + "/scopes/" + scope.id()));
    }

    @Get("/{id}/scopes")
    @Operation(operationId = "managementListResourceScopes")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<ResourceScope>> scopes(@PathVariable @Size(max = 64) String id,
                                                    @Nullable @QueryValue Integer page,
                                                    @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(resources.scopes(id), page, pageSize);
    }

    @Patch("/{id}/scopes/{scopeId}")
    @Operation(operationId = "managementUpdateResourceScope")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public ResourceScope updateScope(@PathVariable @Size(max = 64) String id, @PathVariable @Size(max = 64) String scopeId,
                                     @Valid @Body ResourceRequests.UpdateScope body) {
        return resources.updateScope(id, scopeId, body.name(), body.description());
    }

    @Delete("/{id}/scopes/{scopeId}")
    @Operation(operationId = "managementDeleteResourceScope")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> deleteScope(@PathVariable @Size(max = 64) String id,
                                          @PathVariable @Size(max = 64) String scopeId) {
        template.deleteApiResourceScope(id, scopeId);
        return HttpResponse.noContent();
    }
}
