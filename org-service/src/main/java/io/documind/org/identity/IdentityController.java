package io.documind.org.identity;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.Problem;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.limits.AbuseLimits;
import io.documind.org.limits.ClientAddress;
import io.documind.org.membership.ListPage;
import io.documind.org.membership.MembershipService;
import io.documind.org.membership.UserOrganization;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/** Self-service identity: sign up (can be switched off), and who am I. */
@Controller
public class IdentityController {

    private final UserService users;
    private final MembershipService memberships;
    private final boolean signUpEnabled;
    private final AbuseLimits limits;

    public IdentityController(UserService users, MembershipService memberships,
                              @Value("${documind.identity.sign-up-enabled:true}") boolean signUpEnabled,
                              AbuseLimits limits) {
        this.users = users;
        this.memberships = memberships;
        this.signUpEnabled = signUpEnabled;
        this.limits = limits;
    }

    @PublicEndpoint
    @Post("/sign-up")
    @Operation(operationId = "signUp")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.Conflict
    @ProblemResponse.TooManyRequests
    @ApiResponse(responseCode = "403", description = "Self-service sign-up is switched off",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<UserResponse> signUp(HttpRequest<?> request, @Valid @Body SignUpRequest body) {
        if (!signUpEnabled) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Self-service sign-up is switched off");
        }
        limits.signUp(ClientAddress.of(request)); // before the Argon2 hash: a flood pays, not the CPU
        User user = users.signUp(body.email(), body.name(), body.password());
        return HttpResponse.created(UserResponse.of(user), URI.create("/me"));
    }

    @Authorized(TokenKind.USER)
    @Get("/me")
    @Operation(operationId = "getCurrentUser")
    @ProblemResponse.NotFound
    public UserResponse me(AccessToken token) {
        return UserResponse.of(users.find(token.subject()).orElseThrow(() -> ProblemException.notFound("User")));
    }

    /** Paged by {@code limit} (1-100, default 20) and {@code cursor}: see {@link ListPage#response}. */
    @Authorized(TokenKind.USER)
    @Get("/me/organizations")
    @Operation(operationId = "listCurrentUserOrganizations")
    @ApiResponse(responseCode = "200", description = "The caller's organizations; a Link header with rel=\"next\" "
            + "when there are more",
            headers = @Header(name = HttpHeaders.LINK, description = "<...?limit=&cursor=>; rel=\"next\""))
    @ProblemResponse.BadRequest
    public HttpResponse<List<UserOrganization>> myOrganizations(AccessToken token, @Nullable @QueryValue Integer limit,
                                                                @Nullable @QueryValue @Size(max = 200) String cursor) {
        return ListPage.response(memberships.organizationsOf(token.subject(), limit, cursor), "/me/organizations", limit);
    }
}
