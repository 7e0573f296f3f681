package io.documind.org.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.contracts.EmailAddress;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.DisplayNames;
import io.documind.kit.web.MailableAddress;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.membership.MembershipService;
import io.documind.org.membership.UserOrganization;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/** Management API (Logto-shaped): users. */
@Controller("/api/users")
@Authorized(TokenKind.MANAGEMENT)
public class UserManagementController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateUser(@NotBlank @Email @Size(max = 254)
                             @Pattern(regexp = EmailAddress.ACCEPTED, message = EmailAddress.ACCEPTED_MESSAGE)
                             @MailableAddress String primaryEmail,
                             @NotBlank @Size(max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String password) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateUser(@Nullable @Email @Size(min = 3, max = 254)
                             @Pattern(regexp = EmailAddress.ACCEPTED, message = EmailAddress.ACCEPTED_MESSAGE)
                             @MailableAddress String primaryEmail,
                             @Nullable @Size(min = 1, max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String password) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Suspension(@NotNull Boolean isSuspended) {
    }

    private final UserService users;
    private final MembershipService memberships;

    public UserManagementController(UserService users, MembershipService memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    @Post
    @Operation(operationId = "managementCreateUser")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.Conflict
    public HttpResponse<UserResponse> create(@Valid @Body CreateUser body) {
        User user = users.create(body.primaryEmail(), body.name(), body.password());
        return HttpResponse.created(UserResponse.of(user), URI.create("/api/users/" + user.id()));
    }

    @Get
    @Operation(operationId = "managementListUsers")
    @ProblemResponse.BadRequest
    public HttpResponse<List<UserResponse>> list(@Nullable @QueryValue @Size(max = 254) String search,
                                                 @Nullable @QueryValue Integer page,
                                                 @Nullable @QueryValue("page_size") Integer pageSize) {
        PageRequest paging = PageRequest.of(page, pageSize);
        List<UserResponse> body = users.search(search, paging).stream().map(UserResponse::of).toList();
        return HttpResponse.ok(body).header(PageRequest.TOTAL_HEADER, String.valueOf(users.count(search)));
    }

    @Get("/{id}")
    @Operation(operationId = "managementGetUser")
    @ProblemResponse.NotFound
    public UserResponse get(@PathVariable @Size(max = 64) String id) {
        return UserResponse.of(users.get(id));
    }

    @Patch("/{id}")
    @Operation(operationId = "managementUpdateUser")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    @ProblemResponse.Conflict
    public UserResponse update(@PathVariable @Size(max = 64) String id, @Valid @Body UpdateUser body) {
        return UserResponse.of(users.update(id, body.primaryEmail(), body.name(), body.password()));
    }

    /** Logto's suspension: a suspended user gets no token, and every token it had is refused (UserSuspended). */
    @Patch("/{id}/is-suspended")
    @Operation(operationId = "managementUpdateUserSuspension")
    @ProblemResponse.BadRequest
    @ProblemResponse.NotFound
    public UserResponse suspend(@PathVariable @Size(max = 64) String id, @Valid @Body Suspension body) {
        return UserResponse.of(users.setSuspended(id, body.isSuspended()));
    }

    @Delete("/{id}")
    @Operation(operationId = "managementDeleteUser")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponse.NotFound
    public HttpResponse<Void> delete(@PathVariable @Size(max = 64) String id) {
        users.delete(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/organizations")
    @Operation(operationId = "managementListUserOrganizations")
    @ProblemResponse.NotFound
    @ProblemResponse.BadRequest
    public HttpResponse<List<UserOrganization>> organizations(@PathVariable @Size(max = 64) String id,
                                                              @Nullable @QueryValue Integer page,
                                                              @Nullable @QueryValue("page_size") Integer pageSize) {
        users.get(id);
        return PageRequest.slice(memberships.organizationsOf(id), page, pageSize);
    }
}
