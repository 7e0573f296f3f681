package io.documind.org.membership;

import io.documind.kit.web.ProblemException;
import io.documind.org.identity.CurrentUser;
import io.documind.org.identity.StandInIdentity;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.List;
import java.util.UUID;

/** Members of an organization, visible to its members only (another organization's looks absent: 404). */
@Controller("/organizations/{id}/members")
public class MemberController {

    private final MembershipService memberships;

    public MemberController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @Get
    public List<Member> list(HttpRequest<?> request, @PathVariable UUID id) {
        CurrentUser user = StandInIdentity.of(request);
        if (!memberships.isMember(id, user.userId())) {
            throw ProblemException.notFound("Organization");
        }
        return memberships.members(id);
    }
}
