package io.documind.kit.deployment;

import io.micronaut.core.annotation.Nullable;

/**
 * A setting a real deployment must give.
 *
 * @param property     the configuration property
 * @param variable     the environment variable operators set
 * @param localDefault a regular expression matching the local-stack defaults that must not survive into a
 *                     deployment (null: none)
 */
public record RequiredSetting(String property, String variable, @Nullable String localDefault) {

    public boolean isLocalDefault(String value) {
        return localDefault != null && value.matches(localDefault);
    }
}
