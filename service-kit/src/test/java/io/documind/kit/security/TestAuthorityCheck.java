package io.documind.kit.security;

import io.documind.kit.authority.AuthorityFloors;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AuthorityCheck} for {@link SecurityPipelineTest} (only where a test switches it on): refuses a token
 * whose {@code authority_version} is below {@link #CURRENT}, and records what it was asked.
 */
@Singleton
@Replaces(AuthorityFloors.class)
@Requires(property = TestAuthorityCheck.ENABLED, value = "true")
class TestAuthorityCheck implements AuthorityCheck {

    static final String ENABLED = "test.authority-check.enabled";
    static final long CURRENT = 5;
    static final String REASON = "The authority behind this token changed; request a new token";

    record Asked(String subject, String organizationId, Long authorityVersion, Long organizationAuthorityVersion) {
    }

    final List<Asked> asked = new CopyOnWriteArrayList<>();

    @Override
    public Optional<String> refusal(String subject, String organizationId, Long authorityVersion,
                                    Long organizationAuthorityVersion) {
        asked.add(new Asked(subject, organizationId, authorityVersion, organizationAuthorityVersion));
        return authorityVersion != null && authorityVersion < CURRENT ? Optional.of(REASON) : Optional.empty();
    }
}
