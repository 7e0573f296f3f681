package io.documind.org.identity;

import io.documind.contracts.events.MembershipRemoved;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.membership.MembershipRepository;
import io.documind.org.membership.UserOrganization;
import io.documind.org.organization.OrganizationService;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class UserService {

    private final UserRepository users;
    private final Passwords passwords;
    private final MembershipRepository memberships;
    private final Outbox outbox;

    public UserService(UserRepository users, Passwords passwords, MembershipRepository memberships, Outbox outbox) {
        this.users = users;
        this.passwords = passwords;
        this.memberships = memberships;
        this.outbox = outbox;
    }

    /** Deletes the user; each of its memberships ends with a MembershipRemoved. */
    @Transactional
    public void delete(String id) {
        User user = get(id);
        for (UserOrganization organization : memberships.organizationsOf(id)) {
            outbox.append(new MembershipRemoved(organization.id(), id, 1));
        }
        users.delete(user);
    }

    @Transactional
    public List<User> search(String q, PageRequest page) {
        return users.search(OrganizationService.like(q), page.pageSize(), page.offset());
    }

    @Transactional
    public long count(String q) {
        return users.countSearch(OrganizationService.like(q));
    }

    /** Creates a user; the password is optional for users created through the Management API. */
    @Transactional
    public User create(String email, String name, String password) {
        String normalizedEmail = email.strip();
        if (password != null) {
            PasswordPolicy.violation(password, normalizedEmail).ifPresent(reason -> {
                throw ProblemException.badRequest("password", reason);
            });
        }
        if (users.findByEmailIgnoreCase(normalizedEmail).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "An account with this email already exists", "email");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = password == null ? null : passwords.hash(password);
        return users.save(new User(UUID.randomUUID().toString(), normalizedEmail, name.strip(), hash, now, now));
    }

    @Transactional
    public Optional<User> find(String id) {
        return users.findById(id);
    }

    @Transactional
    public User get(String id) {
        return users.findById(id).orElseThrow(() -> ProblemException.notFound("User"));
    }

    @Transactional
    public User update(String id, String email, String name, String password) {
        User user = get(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String newEmail = email == null ? user.email() : email.strip();
        if (!newEmail.equalsIgnoreCase(user.email()) && users.findByEmailIgnoreCase(newEmail).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "An account with this email already exists", "email");
        }
        User updated = user.withProfile(newEmail, name == null ? user.name() : name.strip(), now);
        if (password != null) {
            PasswordPolicy.violation(password, newEmail).ifPresent(reason -> {
                throw ProblemException.badRequest("password", reason);
            });
            updated = updated.withPasswordHash(passwords.hash(password), now);
        }
        return users.update(updated);
    }

    /** The user whose email and password match; empty for an unknown email or a wrong password alike. */
    @Transactional
    public Optional<User> authenticate(String email, String password) {
        Optional<User> user = users.findByEmailIgnoreCase(email.strip());
        boolean ok = passwords.matches(password, user.map(User::passwordHash).orElse(null));
        return ok && user.isPresent() && user.get().passwordHash() != null ? user : Optional.empty();
    }
}
