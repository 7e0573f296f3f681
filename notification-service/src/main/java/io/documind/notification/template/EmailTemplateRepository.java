package io.documind.notification.template;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Templates on the caller's transaction, keyed by the usage type's wire name. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EmailTemplateRepository extends GenericRepository<StoredTemplate, String> {

    default Optional<EmailTemplate> find(UsageType usageType) {
        return findById(usageType.wireName()).map(StoredTemplate::toTemplate);
    }

    Optional<StoredTemplate> findById(String usageType);

    default void save(UsageType usageType, String subject, String content, ContentType contentType) {
        save(usageType.wireName(), subject, content, contentType.mediaType());
    }

    @Query("""
            INSERT INTO email_template (usage_type, subject, content, content_type)
            VALUES (:usageType, :subject, :content, :contentType)
            ON CONFLICT (usage_type) DO UPDATE
            SET subject = excluded.subject, content = excluded.content, content_type = excluded.content_type,
                updated_at = now()""")
    void save(String usageType, String subject, String content, String contentType);
}
