package io.documind.org.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.DisplayNames;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Management API: machine-to-machine applications. A secret is shown once, when created or rotated. */
@Controller("/api/applications")
@Authorized(TokenKind.MANAGEMENT)
public class ApplicationManagementController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateApplication(@NotBlank @Size(max = 128)
                                    @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                                    @Nullable @Size(max = 256) String description,
                                    @Nullable Boolean managementAccess) {
    }

    @Serdeable
    public record ApplicationView(String id, String name, @Nullable String description, String type, Instant createdAt,
                                  boolean managementAccess, @Nullable String secret) {
        static ApplicationView of(Application a, String secret) {
            return new ApplicationView(a.id(), a.name(), a.description(), "MachineToMachine", a.createdAt(),
                    a.managementAccess(), secret);
        }
    }

    private final ApplicationService applications;

    public ApplicationManagementController(ApplicationService applications) {
        this.applications = applications;
    }

    @Post
    @Operation(operationId = "managementCreateApplication")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    public HttpResponse<ApplicationView> create(@Valid @Body CreateApplication body) {
        ApplicationService.WithSecret created = applications.create(body.name(), body.description(),
                Boolean.TRUE.equals(body.managementAccess()));
        return HttpResponse.created(ApplicationView.of(created.application(), created.secret()),
                URI.create("/api/applications/" + created.application().id()));
    }

    @Get
    @Operation(operationId = "managementListApplications")
    @ProblemResponse.BadRequest
    public HttpResponse<List<ApplicationView>> list(@Nullable @QueryValue Integer page,
                                                    @Nullable @QueryValue("page_size") Integer pageSize) {
        PageRequest paging = PageRequest.of(page, pageSize);
        List<ApplicationView> body = applications.page(paging.pageSize(), paging.offset()).stream()
                .map(a -> ApplicationView.of(a, null)).toList();
        return HttpResponse.ok(body).header(PageRequest.TOTAL_HEADER, String.valueOf(applications.count()));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetApplication")
    @ProblemResponse.NotFound
    public ApplicationView get(@PathVariable @Size(max = 64) String id) {
        return ApplicationView.of(applications.get(id), null);
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteApplication")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable @Size(max = 64) String id) {
        applications.delete(id);
        return HttpResponse.noContent();
    }

    /** Replaces the secret; the old one stops working at once. */
    @Post("/{id}/secrets")
    @Operation(operationId = "managementRotateApplicationSecret")
    @ProblemResponse.NotFound
    public ApplicationView rotateSecret(@PathVariable @Size(max = 64) String id) {
        ApplicationService.WithSecret rotated = applications.rotateSecret(id);
        return ApplicationView.of(rotated.application(), rotated.secret());
    }
}
