package io.documind.org.authority;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A subject's raised authority version; see {@link AuthorityVersions}. */
@MappedEntity("subject_authority_version")
public record SubjectAuthorityVersion(@Id String subject, long version) {
}
