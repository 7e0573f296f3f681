package io.documind.org.identity;

import io.documind.kit.security.AccessToken;
import io.documind.kit.security.Authorized;
import io.documind.kit.security.PublicEndpoint;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.Problem;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.ProblemResponse;
import io.documind.org.membership.MembershipService;
import io.documind.org.membership.UserOrganization;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

/** Self-service identity: sign up (can be switched off), and who am I. */
@Controller
public class IdentityController {

    private final UserService users;
    private final MembershipService memberships;
    private final boolean signUpEnabled;

    public IdentityController(UserService users, MembershipService memberships,
                              @Value("${documind.identity.sign-up-enabled:true}") boolean signUpEnabled) {
        this.users = users;
        this.memberships = memberships;
        this.signUpEnabled = signUpEnabled;
    }

    @PublicEndpoint
    @Post("/sign-up")
    @Operation(operationId = "signUp")
    @Status(HttpStatus.CREATED)
    @ProblemResponse.BadRequest
    @ProblemResponse.Conflict
    @ApiResponse(responseCode = "403", description = "Self-service sign-up is switched off",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<UserResponse> signUp(@Valid @Body SignUpRequest body) {
        if (!signUpEnabled) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Self-service sign-up is switched off");
        }
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

    @Authorized(TokenKind.USER)
    @Get("/me/organizations")
    @Operation(operationId = "listCurrentUserOrganizations")
    public List<UserOrganization> myOrganizations(AccessToken token) {
        return memberships.organizationsOf(token.subject());
    }
}
