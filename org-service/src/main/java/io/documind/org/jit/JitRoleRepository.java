package io.documind.org.jit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JitRoleRepository extends CrudRepository<JitRole, UUID> {

    List<JitRole> findByOrganizationId(UUID organizationId);

    boolean existsByOrganizationIdAndOrganizationRoleId(UUID organizationId, UUID organizationRoleId);

    @Query("DELETE FROM organization_jit_role WHERE organization_id = :organizationId AND organization_role_id = :roleId")
    int remove(UUID organizationId, UUID roleId);
}
