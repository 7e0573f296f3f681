package io.documind.document.documents;

import io.documind.kit.web.BadInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code If-Match} (RFC 9110 §13.1.1) against our strong ETags {@code "<version>"}. Plain rules.
 *
 * @param anyVersion       absent header or {@code *}: no version condition (the document must merely exist); an
 *                         empty one is refused (400)
 * @param acceptedVersions the versions the client says it has seen; empty when none of its tags can match ours
 *                         (weak or foreign tags), which ends in 412
 */
public record Preconditions(boolean anyVersion, Set<Long> acceptedVersions) {

    /** An ETag as we write them: a version (1 or more, no sign, no leading zero) in quotes. */
    private static final Pattern OUR_TAG = Pattern.compile("\"[1-9][0-9]{0,18}\"");

    public static Preconditions ifMatch(@Nullable String header) {
        if (header != null && header.isBlank()) {
            // Taken as absent before, so a client whose ETag variable came out empty lost its lost-update check
            // unawares (a black-box probe: PATCH and DELETE with "If-Match:" answered 200 and 204).
            throw new BadInputException(HttpHeaders.IF_MATCH, "is empty: send the ETag you read, or * for any version");
        }
        if (header == null || header.strip().equals("*")) {
            return new Preconditions(true, Set.of());
        }
        Set<Long> versions = new LinkedHashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.strip();
            // Strong comparison, character by character: W/"3" never matches, and neither do "03" or "+3", which
            // name the same number but are not the tag we sent.
            if (OUR_TAG.matcher(t).matches()) {
                try {
                    versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
                } catch (NumberFormatException e) {
                    // beyond a long: not one of ours, cannot match
                }
            }
        }
        return new Preconditions(false, Set.copyOf(versions));
    }

    /** The versions a change may apply to, for one {@code version = ANY (...)}; null when any version will do. */
    @Nullable
    public Set<Long> versionCondition() {
        return anyVersion ? null : acceptedVersions;
    }
}
