package io.documind.org.template;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, announces the whole template once per shape of OrganizationTemplateChanged
 * ({@link TemplateService#CURRENT_ANNOUNCEMENT}): the services' copies were filled from the older shape (without
 * the roles' API resource scopes), and nothing else would refresh them until the template is edited. One instance
 * does it, however many start together (the version row is claimed in the announcing transaction).
 */
@Singleton
public class TemplateAnnouncement implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateAnnouncement.class);

    private final TemplateService template;

    public TemplateAnnouncement(TemplateService template) {
        this.template = template;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (template.announceIfOutdated()) {
            LOG.info("Organization template announced again (OrganizationTemplateChanged shape {})",
                    TemplateService.CURRENT_ANNOUNCEMENT);
        }
    }
}
