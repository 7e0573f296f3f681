package io.documind.org.template;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Announces the whole template on every start. Consumers replace their copy with each announcement, so one more is
 * harmless, and it heals a copy made from an older shape of OrganizationTemplateChanged (before roles carried their
 * API resource scopes) or from what an older instance sent during a rolling upgrade.
 */
@Singleton
public class TemplateAnnouncement implements ApplicationEventListener<ServerStartupEvent> {

    private final TemplateService template;

    public TemplateAnnouncement(TemplateService template) {
        this.template = template;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        template.announce();
    }
}
