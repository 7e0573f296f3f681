package io.documind.notification.template;

import io.documind.kit.web.ProblemException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/** Reading and replacing templates; the senders read them through {@link #template}. */
@Singleton
public class EmailTemplateService {

    private final EmailTemplateRepository templates;

    public EmailTemplateService(EmailTemplateRepository templates) {
        this.templates = templates;
    }

    /** The template for a usage type named in a request; an unknown name is a 404. */
    @Transactional
    public EmailTemplate get(String usageTypeName) {
        return template(usageType(usageTypeName));
    }

    @Transactional
    public EmailTemplate replace(String usageTypeName, String subject, String content, String type) {
        UsageType usageType = usageType(usageTypeName);
        ContentType contentType = TemplateRules.check(usageType, subject, content, type);
        templates.save(usageType, subject, content, contentType);
        return template(usageType);
    }

    /** The template in force; every usage type is seeded, so a missing one is a broken database. */
    @Transactional
    public EmailTemplate template(UsageType usageType) {
        return templates.find(usageType).orElseThrow(() ->
                new IllegalStateException("no template for " + usageType + " (the seed migration did not run?)"));
    }

    private static UsageType usageType(String name) {
        return UsageType.byWireName(name).orElseThrow(() -> ProblemException.notFound("Email template"));
    }
}
