package io.documind.org.jit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Management API (Logto-shaped): an organization's just-in-time provisioning. A user who verifies an email address
 * at one of the email domains joins the organization with the JIT roles.
 */
@Controller("/api/organizations/{id}/jit")
@Authorized(TokenKind.MANAGEMENT)
public class JitManagementController {

    /** A DNS name of two labels or more, without {@code @}; matched without case. */
    static final String DOMAIN = "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";
    static final String DOMAIN_MESSAGE = "must be an email domain such as example.com";

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record EmailDomainBody(@NotNull @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) String emailDomain) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record EmailDomainsBody(@NotNull @Size(max = 100)
                                   List<@NotNull @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) String> emailDomains) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RoleIdsBody(@NotNull @Size(max = 50) List<@NotNull UUID> organizationRoleIds) {
    }

    /** Logto's shape of a JIT email domain. */
    @Serdeable
    public record EmailDomainView(String organizationId, String emailDomain) {
        static EmailDomainView of(JitEmailDomain d) {
            return new EmailDomainView(d.organizationId().toString(), d.emailDomain());
        }
    }

    /** Logto's shape of a JIT organization role. */
    @Serdeable
    public record RoleView(String id, String name, @Nullable String description) {
    }

    private final JustInTime jit;

    public JitManagementController(JustInTime jit) {
        this.jit = jit;
    }

    @Get("/email-domains")
    @Operation(operationId = "managementListOrganizationJitEmailDomains")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<List<EmailDomainView>> domains(@PathVariable UUID id, @Nullable @QueryValue Integer page,
                                                       @Nullable @QueryValue("page_size") Integer pageSize) {
        List<EmailDomainView> body = jit.domains(id, PageRequest.of(page, pageSize)).stream()
                .map(EmailDomainView::of).toList();
        return HttpResponse.ok(body).header(PageRequest.TOTAL_HEADER, String.valueOf(jit.countDomains(id)));
    }

    @Post("/email-domains")
    @Operation(operationId = "managementAddOrganizationJitEmailDomain")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.Conflict
    public HttpResponse<EmailDomainView> addDomain(@PathVariable UUID id, @Valid @Body EmailDomainBody body) {
        JitEmailDomain added = jit.addDomain(id, body.emailDomain());
        return HttpResponse.created(EmailDomainView.of(added),
                URI.create("/api/organizations/" + id + "/jit/email-domains/" + added.emailDomain()));
    }

    @Put("/email-domains")
    @Operation(operationId = "managementReplaceOrganizationJitEmailDomains")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public HttpResponse<Void> replaceDomains(@PathVariable UUID id, @Valid @Body EmailDomainsBody body) {
        jit.replaceDomains(id, body.emailDomains());
        return HttpResponse.noContent();
    }

    @Delete("/email-domains/{emailDomain}")
    @Operation(operationId = "managementRemoveOrganizationJitEmailDomain")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeDomain(@PathVariable UUID id, @PathVariable @Size(max = 253) String emailDomain) {
        jit.removeDomain(id, emailDomain);
        return HttpResponse.noContent();
    }

    @Get("/roles")
    @Operation(operationId = "managementListOrganizationJitRoles")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<RoleView>> roles(@PathVariable UUID id,
                                              @Nullable @QueryValue Integer page,
                                              @Nullable @QueryValue("page_size") Integer pageSize) {
        return PageRequest.slice(jit.roles(id).stream()
                .map(r -> new RoleView(r.id().toString(), r.name(), r.description())).toList(), page, pageSize);
    }

    @Post("/roles")
    @Operation(operationId = "managementAddOrganizationJitRoles")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> addRoles(@PathVariable UUID id, @Valid @Body RoleIdsBody body) {
        jit.addRoles(id, body.organizationRoleIds());
        return HttpResponse.created((Void) null);
    }

    @Put("/roles")
    @Operation(operationId = "managementReplaceOrganizationJitRoles")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.RuleRefused
    public HttpResponse<Void> replaceRoles(@PathVariable UUID id, @Valid @Body RoleIdsBody body) {
        jit.replaceRoles(id, body.organizationRoleIds());
        return HttpResponse.noContent();
    }

    @Delete("/roles/{roleId}")
    @Operation(operationId = "managementRemoveOrganizationJitRole")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> removeRole(@PathVariable UUID id, @PathVariable UUID roleId) {
        jit.removeRole(id, roleId);
        return HttpResponse.noContent();
    }
}
