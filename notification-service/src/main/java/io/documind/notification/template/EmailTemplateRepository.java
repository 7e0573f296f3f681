package io.documind.notification.template;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Templates in plain SQL on the caller's transaction. */
@Singleton
public class EmailTemplateRepository {

    private final TransactionOperations<Connection> transactions;

    public EmailTemplateRepository(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public Optional<EmailTemplate> find(UsageType usageType) {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT subject, content, content_type, updated_at FROM email_template WHERE usage_type = ?")) {
            select.setString(1, usageType.wireName());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EmailTemplate(usageType, rs.getString(1), rs.getString(2),
                        ContentType.byMediaType(rs.getString(3)).orElseThrow(),
                        rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + usageType + " template", e);
        }
    }

    public void save(UsageType usageType, String subject, String content, ContentType contentType) {
        try (PreparedStatement upsert = connection().prepareStatement("""
                INSERT INTO email_template (usage_type, subject, content, content_type) VALUES (?, ?, ?, ?)
                ON CONFLICT (usage_type) DO UPDATE
                SET subject = excluded.subject, content = excluded.content, content_type = excluded.content_type,
                    updated_at = now()""")) {
            upsert.setString(1, usageType.wireName());
            upsert.setString(2, subject);
            upsert.setString(3, content);
            upsert.setString(4, contentType.mediaType());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the " + usageType + " template", e);
        }
    }

    private Connection connection() {
        return transactions.getConnection();
    }
}
