package io.documind.notification.template;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Templates in plain SQL on the caller's transaction. */
@Singleton
public class EmailTemplateRepository {

    private final Sql sql;

    public EmailTemplateRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<EmailTemplate> find(UsageType usageType) {
        return sql.one("SELECT subject, content, content_type, updated_at FROM email_template WHERE usage_type = ?",
                rs -> new EmailTemplate(usageType, rs.getString("subject"), rs.getString("content"),
                        ContentType.byMediaType(rs.getString("content_type")).orElseThrow(),
                        Sql.instant(rs, "updated_at")),
                usageType.wireName());
    }

    public void save(UsageType usageType, String subject, String content, ContentType contentType) {
        sql.update("""
                INSERT INTO email_template (usage_type, subject, content, content_type) VALUES (?, ?, ?, ?)
                ON CONFLICT (usage_type) DO UPDATE
                SET subject = excluded.subject, content = excluded.content, content_type = excluded.content_type,
                    updated_at = now()""", usageType.wireName(), subject, content, contentType.mediaType());
    }
}
