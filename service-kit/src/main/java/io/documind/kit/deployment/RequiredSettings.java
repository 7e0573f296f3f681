package io.documind.kit.deployment;

import io.micronaut.core.value.PropertyResolver;
import java.util.List;

/** A service's contribution to the settings checked at start-up outside the local stack. */
public interface RequiredSettings {

    List<RequiredSetting> settings();

    /**
     * Rules that are more than a value being set (a combination of settings that is unsafe), each as the problem it
     * names; none by default.
     */
    default List<String> problems(PropertyResolver settings) {
        return List.of();
    }
}
