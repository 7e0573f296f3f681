package io.documind.org.jit;

import io.documind.contracts.EmailAddress;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.organization.OrganizationRepository;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.RoleRepository;
import io.documind.org.template.TemplateService;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An organization's just-in-time settings: the email domains that auto-join and the roles they get. */
@Singleton
public class JustInTime {

    private final JitEmailDomainRepository domains;
    private final JitRoleRepository roles;
    private final OrganizationRepository organizations;
    private final TemplateService template;
    private final RoleRepository templateRoles;

    public JustInTime(JitEmailDomainRepository domains, JitRoleRepository roles, OrganizationRepository organizations,
                      TemplateService template, RoleRepository templateRoles) {
        this.domains = domains;
        this.roles = roles;
        this.organizations = organizations;
        this.template = template;
        this.templateRoles = templateRoles;
    }

    /** Domains are kept as the part after {@code @}, in lower case: that is how an address is matched. */
    public static String normalize(String emailDomain) {
        return emailDomain.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The address's domain as JIT domains are matched (after its last {@code @}, in ASCII as they are written),
     * or empty for no address.
     */
    public static Optional<String> domainOf(String email) {
        String stored = email == null ? "" : EmailAddress.storedForm(email.strip());
        int at = stored.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(normalize(stored.substring(at + 1)));
    }

    /** The address's domain when some organization lets that domain join just in time. */
    @Transactional
    public Optional<String> joiningDomainOf(String email) {
        return domainOf(email).filter(domains::existsByEmailDomain);
    }

    @Transactional
    public List<JitEmailDomain> domains(UUID organizationId, PageRequest page) {
        requireOrganization(organizationId);
        return domains.page(organizationId, page.pageSize(), page.offset());
    }

    @Transactional
    public long countDomains(UUID organizationId) {
        return domains.countByOrganizationId(organizationId);
    }

    @Transactional
    public JitEmailDomain addDomain(UUID organizationId, String emailDomain) {
        requireOrganization(organizationId);
        String domain = normalize(emailDomain);
        if (domains.existsByOrganizationIdAndEmailDomain(organizationId, domain)) {
            throw new ProblemException(HttpStatus.CONFLICT, "The organization has this email domain already",
                    "emailDomain");
        }
        return domains.save(new JitEmailDomain(UUID.randomUUID(), organizationId, domain, now()));
    }

    /** The domains become exactly these; those kept keep their age (they were present before). */
    @Transactional
    public void replaceDomains(UUID organizationId, Collection<String> emailDomains) {
        lockOrganization(organizationId);
        Set<String> wanted = emailDomains.stream().map(JustInTime::normalize)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (JitEmailDomain existing : domains.findByOrganizationId(organizationId)) {
            if (!wanted.remove(existing.emailDomain())) {
                domains.delete(existing);
            }
        }
        Instant now = now();
        wanted.forEach(d -> domains.save(new JitEmailDomain(UUID.randomUUID(), organizationId, d, now)));
    }

    @Transactional
    public void removeDomain(UUID organizationId, String emailDomain) {
        requireOrganization(organizationId);
        if (domains.remove(organizationId, normalize(emailDomain)) == 0) {
            throw ProblemException.notFound("Email domain");
        }
    }

    @Transactional
    public List<OrganizationRole> roles(UUID organizationId) {
        requireOrganization(organizationId);
        return template.resolveRoles(roleIds(organizationId), null);
    }

    /** The ids of the roles a just-in-time member of the organization gets. */
    @Transactional
    public List<UUID> roleIds(UUID organizationId) {
        return roles.findByOrganizationId(organizationId).stream().map(JitRole::organizationRoleId).toList();
    }

    /** Adds roles (unknown ones → 422, nothing added); roles it has already stay. */
    @Transactional
    public void addRoles(UUID organizationId, Collection<UUID> roleIds) {
        for (OrganizationRole role : heldRoles(organizationId, roleIds)) {
            if (!roles.existsByOrganizationIdAndOrganizationRoleId(organizationId, role.id())) {
                roles.save(new JitRole(UUID.randomUUID(), organizationId, role.id()));
            }
        }
    }

    @Transactional
    public void replaceRoles(UUID organizationId, Collection<UUID> roleIds) {
        List<OrganizationRole> wanted = heldRoles(organizationId, roleIds);
        roles.deleteAll(roles.findByOrganizationId(organizationId));
        wanted.forEach(role -> roles.save(new JitRole(UUID.randomUUID(), organizationId, role.id())));
    }

    /**
     * The organization locked, then the roles (unknown ones → 422) held (KEY SHARE, id order) before any JIT row is
     * written or deleted: the order every member change takes them in, and a role's deletion holds the role before it
     * deletes its rows, so a replacement that deleted its row first and then waited on the role (its insert's foreign
     * key) deadlocked with it.
     */
    private List<OrganizationRole> heldRoles(UUID organizationId, Collection<UUID> roleIds) {
        lockOrganization(organizationId);
        List<OrganizationRole> wanted = template.resolveRoles(roleIds, null);
        templateRoles.holdRoles(wanted.stream().map(OrganizationRole::id).toList());
        return wanted;
    }

    @Transactional
    public void removeRole(UUID organizationId, UUID roleId) {
        requireOrganization(organizationId);
        if (roles.remove(organizationId, roleId) == 0) {
            throw ProblemException.notFound("Role");
        }
    }

    /**
     * As requireOrganization, with its row locked until the transaction ends: two replacements at once each deleted
     * only what was committed before them, so their union survived (a domain or role dropped by one stayed).
     */
    private void lockOrganization(UUID organizationId) {
        organizations.lockExisting(organizationId);
    }

    private void requireOrganization(UUID organizationId) {
        if (!organizations.existsById(organizationId)) {
            throw ProblemException.notFound("Organization");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
