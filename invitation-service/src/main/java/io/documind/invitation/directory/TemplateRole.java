package io.documind.invitation.directory;

import java.util.List;

/** A role of the organization template; {@code id} may be null when org-service did not send one. */
public record TemplateRole(String id, String name, List<String> scopes) {
}
