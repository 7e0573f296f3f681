package io.documind.org.application;

import io.documind.org.authority.AuthorityVersions;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApplicationRepository extends CrudRepository<Application, String> {

    /** Its row locked until the transaction ends: a change written back as a whole row must not undo another. */
    Optional<Application> findByIdForUpdate(String id);

    /**
     * Locks the application's rows in its organizations, in organization order, before its deletion cascades to
     * them. A template role's deletion holds its holders' rows in (organization, application) order first; the
     * cascade alone takes them in the table's order, and the two could each hold a row the other waited for.
     */
    @Query("""
            SELECT application_id FROM organization_application WHERE application_id = :id
            ORDER BY organization_id FOR UPDATE""")
    List<String> lockOrganizationRows(String id);

    /** Holds the application's row against deletion until the transaction ends; false when there is none. */
    @Query("SELECT EXISTS (SELECT 1 FROM (SELECT id FROM application WHERE id = :id FOR SHARE) AS held)")
    boolean holdAgainstDeletion(String id);

    @Query("SELECT * FROM application ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<Application> page(int limit, long offset);

    /** Serializes the configured management app's registration at start, until the transaction ends. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + REGISTRATION_LOCK + ")) AS locked")
    int lockRegistration();

    /** The advisory lock's key (org-service's database only). */
    long REGISTRATION_LOCK = 0x0D0C_4D1D_0000_0012L;

    long countByIdIn(Collection<String> id);

    /** An application's secret hash with its subject authority version, read together (see AuthorityVersions). */
    @Introspected
    record Credentials(String secretHash, long version, boolean managementAccess) {
    }

    @Query("SELECT a.secret_hash, " + AuthorityVersions.APPLICATION_VERSION + " AS version, a.management_access"
            + " FROM application a WHERE a.id = :id")
    Optional<Credentials> credentials(String id);
}
