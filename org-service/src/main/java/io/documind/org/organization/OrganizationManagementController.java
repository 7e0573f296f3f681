package io.documind.org.organization;

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
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Management API (Logto-shaped): organizations of the whole platform. */
@Controller("/api/organizations")
@Authorized(TokenKind.MANAGEMENT)
public class OrganizationManagementController {

    private final OrganizationService organizations;

    public OrganizationManagementController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Post
    @Operation(operationId = "managementCreateOrganization")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    public HttpResponse<OrganizationResponse> create(@Valid @Body OrganizationRequests.Create body) {
        Organization created = organizations.create(body, null);
        return HttpResponse.created(OrganizationResponse.of(created), URI.create("/api/organizations/" + created.id()));
    }

    @Get
    @Operation(operationId = "managementListOrganizations")
    @ProblemResponse.BadRequest
    public HttpResponse<List<OrganizationResponse>> list(@Nullable @QueryValue @Size(max = 128) String q,
                                                         @Nullable @QueryValue Integer page,
                                                         @Nullable @QueryValue("page_size") Integer pageSize) {
        PageRequest paging = PageRequest.of(page, pageSize);
        List<OrganizationResponse> body = organizations.search(q, paging).stream().map(OrganizationResponse::of).toList();
        return HttpResponse.ok(body).header(PageRequest.TOTAL_HEADER, String.valueOf(organizations.count(q)));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetOrganization")
    @ProblemResponse.NotFound
    public OrganizationResponse get(@PathVariable UUID id) {
        return OrganizationResponse.of(organizations.get(id));
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateOrganization")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public OrganizationResponse update(@PathVariable UUID id, @Valid @Body OrganizationRequests.Update body) {
        return OrganizationResponse.of(organizations.update(id, body));
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteOrganization")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        organizations.delete(id);
        return HttpResponse.noContent();
    }
}
