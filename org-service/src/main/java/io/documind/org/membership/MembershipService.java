package io.documind.org.membership;

import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.MembershipSource;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.identity.User;
import io.documind.org.identity.UserRepository;
import io.documind.org.organization.OrganizationRepository;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.OrganizationScope;
import io.documind.org.template.RoleRepository;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Memberships and member roles. Every change emits its event in the same transaction. Changes made through
 * the app API ({@code guardAdmin} = true) may never leave an organization without an Admin who can act
 * (one not suspended).
 */
@Singleton
public class MembershipService {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);

    private final MembershipRepository memberships;
    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final Outbox outbox;
    private final AuthorityVersions versions;
    private final MemberAnnouncements announcements;
    private final RoleRepository templateRoles;

    public MembershipService(MembershipRepository memberships, OrganizationRepository organizations,
                             UserRepository users, Outbox outbox, AuthorityVersions versions,
                             MemberAnnouncements announcements, RoleRepository templateRoles) {
        this.memberships = memberships;
        this.templateRoles = templateRoles;
        this.organizations = organizations;
        this.users = users;
        this.outbox = outbox;
        this.versions = versions;
        this.announcements = announcements;
    }

    /**
     * Makes the user a member with the given roles and records MembershipCreated. An existing member only
     * gains the roles it lacks (MemberRolesChanged when any was new). Events for an organization or a user that
     * no longer exists are ignored: there is nothing left to join.
     */
    @Transactional
    public void addMember(UUID organizationId, String userId, String email, List<String> roleNames, MembershipSource source) {
        addMember(organizationId, userId, email, roleNames, List.of(), source);
    }

    /** As above, with roles named by name and/or by id (the creator's Admin by its fixed id, whatever its name). */
    @Transactional
    public void addMember(UUID organizationId, String userId, String email, List<String> roleNames, List<UUID> roleIds,
                          MembershipSource source) {
        MembershipRepository.Addition addition = memberships.addIfBothExist(organizationId, userId, email);
        if (addition == MembershipRepository.Addition.GONE) {
            LOG.info("Organization {} or user {} is gone; membership not created", organizationId, userId);
            return;
        }
        // An existing member's row is held (as setRoles and removals hold it) before any role row is written: a
        // role replacement holding the row and inserting the same role as this grant otherwise deadlocked with it,
        // each waiting on the other's row (the grant's foreign key check on the member, the replacement's insert).
        while (addition == MembershipRepository.Addition.ALREADY_MEMBER
                && memberships.lockMember(organizationId, userId).isEmpty()) {
            // Removed since the insert saw it: join afresh, as an invitation accepted just after the removal would.
            addition = memberships.addIfBothExist(organizationId, userId, email);
        }
        if (addition == MembershipRepository.Addition.GONE) {
            return;
        }
        templateRoles.holdRoles(roleNames, roleIds); // in id order, before any grant: see RoleRepository#holdRoles
        boolean created = addition == MembershipRepository.Addition.CREATED;
        // What was granted, not what was asked: a role named in an invitation may have left the template since.
        List<String> granted = memberships.grantRoles(organizationId, userId, roleNames, roleIds);
        if (created) {
            outbox.append(new MembershipCreated(organizationId.toString(), userId, email, granted, source));
        } else if (!granted.isEmpty()) {
            rolesChanged(organizationId, userId);
        }
    }

    /**
     * Makes the user a member with these roles unless it is one already; an existing member is left as it is, not
     * even locked. The caller holds the roles: a member's row locked after them (as {@link #addMember} locks an
     * existing member) would close a cycle with a role's deletion, which holds its holders' rows before the role.
     */
    private void join(UUID organizationId, String userId, String email, List<UUID> roleIds, MembershipSource source) {
        if (memberships.addIfBothExist(organizationId, userId, email) == MembershipRepository.Addition.CREATED) {
            List<String> granted = memberships.grantRoles(organizationId, userId, List.of(), roleIds);
            outbox.append(new MembershipCreated(organizationId.toString(), userId, email, granted, source));
        }
    }

    /**
     * {@link #join} for each organization, in the map's order, holding the roles of all of them first, in id order
     * as template edits lock roles. Held one organization at a time, a later organization's role could sort before
     * an earlier one's, and an edit locking both deadlocked with the joins. The organizations are held before the
     * roles, as every member change holds its organization before its roles: roles first, a join, a role change
     * waiting on a role and an edit holding it closed a cycle. The user's row is held between the two (the lock the
     * memberships' foreign key takes anyway): taken at the insert, after the roles, it waited on the user's deletion,
     * which waited on a role's deletion holding one of the user's memberships, which waited on a role held here.
     */
    @Transactional
    public void joinAll(Map<UUID, List<UUID>> rolesByOrganization, String userId, String email,
                        MembershipSource source) {
        organizations.holdAll(rolesByOrganization.keySet().stream().map(UUID::toString).toArray(String[]::new));
        users.hold(userId);
        templateRoles.holdRoles(rolesByOrganization.values().stream().flatMap(List::stream).distinct().toList());
        rolesByOrganization.forEach((organizationId, roleIds) -> join(organizationId, userId, email, roleIds, source));
    }

    /** Management API: adds users (without roles); unknown users → 422, nothing added. */
    @Transactional
    public void addUsers(UUID organizationId, Collection<String> userIds) {
        requireOrganization(organizationId);
        insertUsers(organizationId, existingUsers(userIds));
    }

    /** Management API: the members become exactly these users. */
    @Transactional
    public void replaceUsers(UUID organizationId, Collection<String> userIds) {
        requireOrganization(organizationId);
        List<User> wanted = existingUsers(userIds);
        Set<String> keep = new LinkedHashSet<>(wanted.stream().map(User::id).toList());
        // In user-id order, the order a template edit raises the same members' versions in (no deadlock with one).
        for (MemberAnnouncements.MemberRef member : memberships.memberRefs(organizationId)) {
            if (!keep.contains(member.userId())) {
                remove(organizationId, member.userId());
            }
        }
        insertUsers(organizationId, wanted);
    }

    /** Removes a member. Through the app API the last Admin cannot go. */
    @Transactional
    public void removeMember(UUID organizationId, String userId, boolean guardAdmin) {
        removeMember(organizationId, userId, guardAdmin, member -> { });
    }

    /**
     * As {@link #removeMember(UUID, String, boolean)}, once {@code mayRemove} accepted the member as it is with the
     * organization locked (so a promotion committed meanwhile is weighed, not the roles read before it).
     */
    @Transactional
    public void removeMember(UUID organizationId, String userId, boolean guardAdmin, Consumer<Member> mayRemove) {
        mayRemove.accept(requireMember(organizationId, userId));
        if (guardAdmin && isLastAdmin(organizationId, userId)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The last Admin cannot leave; make someone else Admin first (a suspended Admin does not count)");
        }
        remove(organizationId, userId);
    }

    /**
     * The member's roles become exactly these. Through the app API the last Admin cannot be demoted.
     *
     * @return the member with its new roles
     */
    @Transactional
    public Member setRoles(UUID organizationId, String userId, List<OrganizationRole> roles, boolean guardAdmin) {
        return setRoles(organizationId, userId, roles, guardAdmin, member -> { });
    }

    /** As {@link #setRoles(UUID, String, List, boolean)}, once {@code mayChange} accepted the member as it is. */
    @Transactional
    public Member setRoles(UUID organizationId, String userId, List<OrganizationRole> roles, boolean guardAdmin,
                           Consumer<Member> mayChange) {
        mayChange.accept(requireMember(organizationId, userId));
        boolean keepsAdmin = roles.stream().anyMatch(r -> OrganizationRole.ADMIN_ID.equals(r.id()));
        if (guardAdmin && !keepsAdmin && isLastAdmin(organizationId, userId)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The last Admin cannot be demoted; make someone else Admin first (a suspended Admin does not count)");
        }
        List<UUID> roleIds = roles.stream().map(OrganizationRole::id).toList();
        templateRoles.holdRoles(roleIds); // before the rows: see RoleRepository#holdRoles
        memberships.revokeAllRoles(organizationId, userId);
        memberships.grantRoleIds(organizationId, userId, roleIds);
        // Always, even when nothing changed: MemberController's check of a caller changing its own roles allows
        // exactly this one raise.
        return rolesChanged(organizationId, userId);
    }

    @Transactional
    public void addRoles(UUID organizationId, String userId, List<OrganizationRole> roles) {
        requireMember(organizationId, userId);
        List<UUID> roleIds = roles.stream().map(OrganizationRole::id).toList();
        templateRoles.holdRoles(roleIds); // in id order, before any grant: see RoleRepository#holdRoles
        if (memberships.grantRoleIds(organizationId, userId, roleIds) > 0) {
            rolesChanged(organizationId, userId);
        }
    }

    @Transactional
    public void removeRole(UUID organizationId, String userId, UUID roleId) {
        requireMember(organizationId, userId);
        if (memberships.revokeRole(organizationId, userId, roleId) == 0) {
            throw ProblemException.notFound("Role of this member");
        }
        rolesChanged(organizationId, userId);
    }

    @Transactional
    public List<Member> members(UUID organizationId, PageRequest page) {
        // A read: checks the organization exists without requireOrganization's lock, which would block writers.
        if (!organizations.existsById(organizationId)) {
            throw ProblemException.notFound("Organization");
        }
        return memberships.members(organizationId, page.pageSize(), page.offset());
    }

    @Transactional
    public long countMembers(UUID organizationId) {
        return memberships.countMembers(organizationId);
    }

    @Transactional
    public Member member(UUID organizationId, String userId) {
        return memberships.member(organizationId, userId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    /** Logto's shape: the scopes as objects; 404 for an unknown organization, 422 for a user who is no member. */
    @Transactional
    public List<OrganizationScope> scopes(UUID organizationId, String userId) {
        if (!organizations.existsById(organizationId)) {
            throw ProblemException.notFound("Organization");
        }
        if (!memberships.isMember(organizationId, userId)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "The user is not a member of the organization",
                    "userId");
        }
        return memberships.scopeObjectsOf(organizationId, userId);
    }

    /**
     * Management API (bulk): each of the users gains the roles it lacks; all must be members (else 422 and nothing
     * changes). Each user whose roles grew is announced (MemberRolesChanged).
     */
    @Transactional
    public void addRolesToMembers(UUID organizationId, Collection<String> userIds, List<OrganizationRole> roles) {
        requireOrganization(organizationId);
        Set<String> users = new LinkedHashSet<>(userIds);
        // In user-id order, as a template edit raises the same members' versions (in the caller's, the two could
        // each hold one and wait for the other's); held (KEY SHARE, which the grants' foreign keys take anyway) before
        // the roles, as every member change holds its member first: a role's deletion holds its holders' rows and
        // then waits on the roles held here.
        List<String> members = memberships.membersAmong(organizationId, users.toArray(String[]::new));
        if (members.size() < users.size()) {
            String stranger = users.stream().filter(u -> !members.contains(u)).findFirst().orElseThrow();
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "User " + stranger + " is not a member of the organization", "userIds");
        }
        List<UUID> roleIds = roles.stream().map(OrganizationRole::id).toList();
        templateRoles.holdRoles(roleIds); // before any version is raised: see RoleRepository#holdRoles
        for (String userId : members) {
            if (memberships.grantRoleIds(organizationId, userId, roleIds) > 0) {
                rolesChanged(organizationId, userId);
            }
        }
    }

    /** The app API's page of members (see {@link ListPage}); 404 for an unknown organization. */
    @Transactional
    public ListPage.Page<Member> members(UUID organizationId, Integer limit, String cursor) {
        int size = ListPage.limit(limit);
        ListPage.Position after = ListPage.after(cursor);
        if (!organizations.existsById(organizationId)) {
            throw ProblemException.notFound("Organization");
        }
        return ListPage.of(memberships.members(organizationId, after, size + 1), size);
    }

    /** The app API's page of the caller's organizations (see {@link ListPage}). */
    @Transactional
    public ListPage.Page<UserOrganization> organizationsOf(String userId, Integer limit, String cursor) {
        int size = ListPage.limit(limit);
        ListPage.Position after = ListPage.after(cursor);
        if (after != null) {
            ListPage.requireUuidId(after);
        }
        return ListPage.of(memberships.organizationsOf(userId, after, size + 1), size);
    }

    @Transactional
    public boolean isMember(UUID organizationId, String userId) {
        return memberships.isMember(organizationId, userId);
    }

    @Transactional
    public List<UserOrganization> organizationsOf(String userId) {
        return memberships.organizationsOf(userId);
    }

    private void insertUsers(UUID organizationId, List<User> found) {
        for (User user : found) {
            if (memberships.insert(organizationId, user.id(), user.email())) {
                outbox.append(new MembershipCreated(organizationId.toString(), user.id(), user.email(), List.of(),
                        MembershipSource.MANAGEMENT_API));
            }
        }
    }

    private void remove(UUID organizationId, String userId) {
        memberships.delete(organizationId, userId);
        long version = versions.raise(userId, organizationId);
        outbox.append(new MembershipRemoved(organizationId.toString(), userId, version));
    }

    /** Announces the member's roles as they now are (see MemberAnnouncements); returns the member with them. */
    private Member rolesChanged(UUID organizationId, String userId) {
        return announcements.rolesChanged(organizationId, userId);
    }

    /**
     * The Admin role by its id: a renamed Admin is still the Admin. Only Admins who can get a token count: with
     * the others suspended, the organization would be left with no Admin who can act; and a suspended Admin may
     * go (it is not the one who can act). A suspension committing meanwhile is not waited for: the Management
     * API may suspend the last active Admin anyway.
     */
    private boolean isLastAdmin(UUID organizationId, String userId) {
        return memberships.lastActiveHolder(organizationId, userId, OrganizationRole.ADMIN_ID);
    }

    /** Locks the organization row, so concurrent rule checks on its members run one after another. */
    private void requireOrganization(UUID organizationId) {
        organizations.lockExisting(organizationId);
    }

    /**
     * Locks the organization (see requireOrganization) and the member's row, and reads the member once, with its
     * roles. The member's lock holds off roles granted to it meanwhile by paths that do not lock the organization
     * (an accepted invitation adding roles to an existing member), which the rules weighed on those roles (last
     * Admin, {@code mayChange}) would otherwise miss, and which a role replacement would drop unchecked.
     */
    private Member requireMember(UUID organizationId, String userId) {
        requireOrganization(organizationId);
        if (memberships.lockMember(organizationId, userId).isEmpty()) {
            throw ProblemException.notFound("Member");
        }
        return memberships.member(organizationId, userId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    /** The users in the order asked for, read in one query; any unknown one → 422. */
    private List<User> existingUsers(Collection<String> userIds) {
        Set<String> wanted = new LinkedHashSet<>(userIds);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, User> found = users.findByIds(wanted).stream().collect(Collectors.toMap(User::id, u -> u));
        if (found.size() != wanted.size()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown user id", "userIds");
        }
        return wanted.stream().map(found::get).toList();
    }
}
