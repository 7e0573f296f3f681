package io.documind.kit;

import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL's error detail holds row values ("Failing row contains (…)"): a tenant's data, or a secret's hash.
 * pgjdbc copies it into the exception's message unless told not to, and the kit logs such messages at ERROR and
 * copies them into a dead-lettered event's {@code dlt.reason}. Every service's pool is told not to
 * (io.documind.kit.jdbc.QuietServerErrors).
 */
class DatabaseErrorDetailTest {

    @Test
    void aConstraintViolationsMessageCarriesNoRowValues() throws Exception {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);
        try (ApplicationContext context = KitContext.start(properties);
             Connection connection = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class))
                     .getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE detail_probe (id INT NOT NULL, secret TEXT)");
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("INSERT INTO detail_probe VALUES (NULL, 'tenant-secret-value')"));
            assertTrue(refused.getMessage().contains("not-null"), refused.getMessage());
            assertFalse(refused.getMessage().contains("tenant-secret-value"), refused.getMessage());
        }
    }
}
