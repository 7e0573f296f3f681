package io.documind.localstack;

import java.util.Map;

/**
 * Test and benchmark harnesses sign up many users, create many organizations, invitations and documents, all from
 * 127.0.0.1: traffic, not abuse. These settings raise the services' per-address and per-user abuse limits for such a run (the limits stay
 * on, and a test of a limit sets its own). Never used by the local stack a person runs.
 */
public final class TrafficLimits {

    private static final String MANY = "100000";

    private TrafficLimits() {
    }

    /** Environment variables raising {@code module}'s limits; a harness's own settings may override them. */
    public static Map<String, String> environmentFor(String module) {
        return switch (module) {
            case "org-service" -> Map.of(
                    "DOCUMIND_LIMITS_SIGN_UPS_PER_CLIENT_ADDRESS", MANY,
                    "DOCUMIND_LIMITS_ORGANIZATIONS_PER_CLIENT_ADDRESS", MANY,
                    "DOCUMIND_LIMITS_ORGANIZATIONS_PER_USER", MANY,
                    "DOCUMIND_LIMITS_CODE_CHECKS_PER_CLIENT_ADDRESS", MANY,
                    "DOCUMIND_LIMITS_CODE_CHECKS_PER_JIT_DOMAIN", MANY);
            case "invitation-service" -> Map.of(
                    "DOCUMIND_INVITATION_LIMITS_MESSAGES_PER_ORGANIZATION", MANY,
                    "DOCUMIND_INVITATION_LIMITS_NEW_ORGANIZATION_MESSAGES", MANY,
                    "DOCUMIND_INVITATION_LIMITS_MAIL_BACKLOG", MANY);
            case "document-service" -> Map.of(
                    "DOCUMIND_DOCUMENT_LIMITS_CREATIONS_PER_ORGANIZATION", "100000000",
                    "DOCUMIND_DOCUMENT_LIMITS_UPDATES_PER_ORGANIZATION", "100000000",
                    "DOCUMIND_DOCUMENT_LIMITS_STORED_PER_ORGANIZATION", "1000000000",
                    "DOCUMIND_DOCUMENT_LIMITS_CHARACTERS_PER_ORGANIZATION", "2000000000");
            default -> Map.of();
        };
    }
}
