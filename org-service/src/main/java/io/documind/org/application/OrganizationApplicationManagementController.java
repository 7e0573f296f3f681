package io.documind.org.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationOrganization;
import io.documind.org.application.OrganizationApplicationRepository.OrganizationApplication;
import io.documind.org.application.OrganizationApplicationRepository.RoleRef;
import io.documind.org.application.OrganizationApplicationService.Page;
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

/**
 * Management API (Logto-shaped): machine-to-machine applications as members of organizations, their organization
 * roles there (what their organization tokens carry), and an application's organizations.
 */
@Controller("/api")
@Authorized(TokenKind.MANAGEMENT)
public class OrganizationApplicationManagementController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ApplicationIds(@NotNull @Size(max = 100) List<@NotNull @Size(min = 1, max = 64) String> applicationIds) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RoleIds(@NotNull @Size(min = 1, max = 50) List<@NotNull UUID> organizationRoleIds) {
    }

    private final OrganizationApplicationService service;

    public OrganizationApplicationManagementController(OrganizationApplicationService service) {
        this.service = service;
    }

    @Get("/organizations/{id}/applications")
    @Operation(operationId = "managementListOrganizationApplications")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<List<OrganizationApplication>> list(@PathVariable UUID id, @Nullable @QueryValue Integer page,
                                                            @Nullable @QueryValue("page_size") Integer pageSize) {
        return paged(service.applications(id, PageRequest.of(page, pageSize)));
    }

    @Post("/organizations/{id}/applications")
    @Operation(operationId = "managementAddOrganizationApplications")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> add(@PathVariable UUID id, @Valid @Body ApplicationIds body) {
        service.add(id, nonEmpty(body.applicationIds(), "applicationIds"));
        return HttpResponse.created((Void) null);
    }

    @Put("/organizations/{id}/applications")
    @Operation(operationId = "managementReplaceOrganizationApplications")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replace(@PathVariable UUID id, @Valid @Body ApplicationIds body) {
        service.replace(id, body.applicationIds());
        return HttpResponse.noContent();
    }

    @Delete("/organizations/{id}/applications/{applicationId}")
    @Operation(operationId = "managementRemoveOrganizationApplication")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> remove(@PathVariable UUID id, @PathVariable @Size(max = 64) String applicationId) {
        service.remove(id, applicationId);
        return HttpResponse.noContent();
    }

    @Get("/organizations/{id}/applications/{applicationId}/roles")
    @Operation(operationId = "managementListOrganizationApplicationRoles")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<List<RoleRef>> roles(@PathVariable UUID id, @PathVariable @Size(max = 64) String applicationId,
                                             @Nullable @QueryValue Integer page,
                                             @Nullable @QueryValue("page_size") Integer pageSize) {
        return paged(service.roles(id, applicationId, PageRequest.of(page, pageSize)));
    }

    @Post("/organizations/{id}/applications/{applicationId}/roles")
    @Operation(operationId = "managementAddOrganizationApplicationRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addRoles(@PathVariable UUID id, @PathVariable @Size(max = 64) String applicationId,
                                       @Valid @Body RoleIds body) {
        service.addRoles(id, applicationId, body.organizationRoleIds());
        return HttpResponse.created((Void) null);
    }

    @Put("/organizations/{id}/applications/{applicationId}/roles")
    @Operation(operationId = "managementReplaceOrganizationApplicationRoles")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> setRoles(@PathVariable UUID id, @PathVariable @Size(max = 64) String applicationId,
                                       @Valid @Body RoleIds body) {
        service.setRoles(id, applicationId, body.organizationRoleIds());
        return HttpResponse.noContent();
    }

    @Delete("/organizations/{id}/applications/{applicationId}/roles/{roleId}")
    @Operation(operationId = "managementRemoveOrganizationApplicationRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> removeRole(@PathVariable UUID id, @PathVariable @Size(max = 64) String applicationId,
                                         @PathVariable UUID roleId) {
        service.removeRole(id, applicationId, roleId);
        return HttpResponse.noContent();
    }

    @Get("/applications/{id}/organizations")
    @Operation(operationId = "managementListApplicationOrganizations")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<List<ApplicationOrganization>> organizations(@PathVariable @Size(max = 64) String id,
                                                                     @Nullable @QueryValue Integer page,
                                                                     @Nullable @QueryValue("page_size") Integer pageSize) {
        return paged(service.organizationsOf(id, PageRequest.of(page, pageSize)));
    }

    private static <T> HttpResponse<List<T>> paged(Page<T> page) {
        return HttpResponse.ok(page.items()).header(PageRequest.TOTAL_HEADER, String.valueOf(page.total()));
    }

    /** Logto asks for at least one id when adding. */
    private static List<String> nonEmpty(List<String> ids, String field) {
        if (ids.isEmpty()) {
            throw ProblemException.badRequest(field, field + " must name at least one");
        }
        return ids;
    }
}
