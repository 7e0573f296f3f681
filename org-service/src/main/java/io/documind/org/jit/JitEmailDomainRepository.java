package io.documind.org.jit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JitEmailDomainRepository extends CrudRepository<JitEmailDomain, UUID> {

    @Query("""
            SELECT * FROM organization_jit_email_domain WHERE organization_id = :organizationId
            ORDER BY email_domain LIMIT :limit OFFSET :offset""")
    List<JitEmailDomain> page(UUID organizationId, int limit, long offset);

    List<JitEmailDomain> findByOrganizationId(UUID organizationId);

    long countByOrganizationId(UUID organizationId);

    boolean existsByOrganizationIdAndEmailDomain(UUID organizationId, String emailDomain);

    @Query("DELETE FROM organization_jit_email_domain WHERE organization_id = :organizationId AND email_domain = :emailDomain")
    int remove(UUID organizationId, String emailDomain);

    boolean existsByEmailDomain(String emailDomain);

    /**
     * The organizations that had this domain at {@code asOf}, in id order: a user's joins then take their locks in
     * the one order every path that holds several organizations' rows uses.
     */
    @Query("""
            SELECT * FROM organization_jit_email_domain WHERE email_domain = :emailDomain AND created_at <= :asOf
            ORDER BY organization_id""")
    List<JitEmailDomain> presentAt(String emailDomain, Instant asOf);
}
