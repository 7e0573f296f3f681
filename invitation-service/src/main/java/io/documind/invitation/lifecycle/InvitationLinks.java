package io.documind.invitation.lifecycle;

import io.documind.kit.web.SecretLinks;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.UUID;

/** Builds the emailed link from the configured template; a template that cannot work stops the service at start. */
@Singleton
public class InvitationLinks {

    public static final String DEFAULT_TEMPLATE = "http://localhost:3000/invitation/{id}?token={token}";
    static final int MAX_LINK_LENGTH = 2000;

    private final String template;

    @Inject
    public InvitationLinks(InvitationSettings settings) {
        this(settings.getLinkTemplate());
    }

    InvitationLinks(String template) {
        SecretLinks.requireTokenInQueryOrFragment("documind.invitation.link-template", template);
        this.template = template;
        String sample = link(new UUID(0, 0), "x".repeat(43));
        URI uri;
        try {
            uri = URI.create(sample);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("documind.invitation.link-template is not a URI template: " + template, e);
        }
        if (!uri.isAbsolute() || sample.length() > MAX_LINK_LENGTH) {
            throw new IllegalArgumentException("documind.invitation.link-template must give an absolute URI of at most "
                    + MAX_LINK_LENGTH + " characters: " + template);
        }
    }

    /** Both values are URL-safe (a UUID and base64url), so they go in unescaped. */
    public String link(UUID invitationId, String token) {
        return template.replace("{id}", invitationId.toString()).replace("{token}", token);
    }
}
