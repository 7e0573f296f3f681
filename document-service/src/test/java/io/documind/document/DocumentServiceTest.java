package io.documind.document;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Base of document-service's HTTP tests: the service on its test database and the shared Kafka
 * ({@link DocumentServiceContext}), driven over real HTTP through {@link #api}, with {@link #count} to read back
 * what it wrote. A subclass adds {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentServiceTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected DataSource dataSource;

    protected Api api;

    /** The shared settings, in a map a subclass may add its own to. */
    @Override
    public Map<String, String> getProperties() {
        return DocumentServiceContext.properties();
    }

    @BeforeAll
    protected void client() {
        api = new Api(server.getURI());
    }

    /** The single number {@code sql} answers, with {@code parameters} bound in order. */
    protected long count(String sql, Object... parameters) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
