package io.documind.localstack.testing;

import java.util.Map;

/**
 * The invitation and document abuse limits (issue 16 part 5) for packaged services a harness drives (system tests,
 * benchmarks, the chaos run and the soak): its traffic is not abuse, so the limits stay on, raised far above what
 * any of them sends. Environment variables, added only where a harness sets none of its own.
 */
public final class HarnessLimits {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "DOCUMIND_INVITATION_LIMITS_MESSAGES_PER_ORGANIZATION", "1000000",
            "DOCUMIND_INVITATION_LIMITS_NEW_ORGANIZATION_MESSAGES", "1000000",
            "DOCUMIND_INVITATION_LIMITS_MAIL_BACKLOG", "1000000",
            "DOCUMIND_DOCUMENT_LIMITS_CREATIONS_PER_ORGANIZATION", "100000000",
            "DOCUMIND_DOCUMENT_LIMITS_STORED_PER_ORGANIZATION", "1000000000");

    private HarnessLimits() {
    }

    /** Adds the raised limits to {@code environment} where it has no value for them. */
    public static void addTo(Map<String, String> environment) {
        ENVIRONMENT.forEach(environment::putIfAbsent);
    }
}
