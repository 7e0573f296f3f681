package io.documind.org.membership;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A member of an organization with the names of its organization roles. */
@Serdeable
public record Member(String userId, String email, List<String> roles) {
}
