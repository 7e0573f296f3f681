package io.documind.org.organization;

import io.documind.org.identity.StandInIdentity;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

import java.net.URI;

@Controller("/organizations")
public class OrganizationController {

    private final OrganizationService service;

    public OrganizationController(OrganizationService service) {
        this.service = service;
    }

    @Post
    public HttpResponse<OrganizationResponse> create(HttpRequest<?> request, @Valid @Body CreateOrganizationRequest body) {
        Organization created = service.create(body.name(), body.description(), StandInIdentity.of(request));
        return HttpResponse.created(OrganizationResponse.of(created), URI.create("/organizations/" + created.id()));
    }
}
