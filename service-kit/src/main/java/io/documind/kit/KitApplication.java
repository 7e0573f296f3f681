package io.documind.kit;

import io.documind.kit.migrations.RunningBuild;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** Starts a DocuMind service the same way everywhere. */
public final class KitApplication {

    private KitApplication() {
    }

    /** Without Micronaut's ASCII banner: it would be the one line of a service's output that is not JSON. */
    public static ApplicationContext run(Class<?> application, String... args) {
        RunningBuild.capture();
        return Micronaut.build(args).mainClass(application).banner(false).start();
    }
}
