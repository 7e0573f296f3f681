package io.documind.kit.deployment;

import java.util.List;

/** A service's contribution to the settings checked at start-up outside the local stack. */
public interface RequiredSettings {

    List<RequiredSetting> settings();
}
