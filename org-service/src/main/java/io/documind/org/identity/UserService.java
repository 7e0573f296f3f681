package io.documind.org.identity;

import io.documind.contracts.EmailAddress;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.PasswordChanged;
import io.documind.contracts.events.EmailCodeRequested;
import io.documind.contracts.events.UserCreated;
import io.documind.contracts.events.UserEmailVerified;
import io.documind.contracts.events.UserDeleted;
import io.documind.contracts.events.UserSuspended;
import io.documind.contracts.events.UserUpdated;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.emailcode.EmailCodes;
import io.documind.org.identity.UserAuthorities.UserAuthority;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.documind.org.membership.MembershipRepository;
import io.documind.org.organization.OrganizationService;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

@Singleton
public class UserService {

    private final UserRepository users;
    private final Passwords passwords;
    private final MembershipRepository memberships;
    private final Outbox outbox;
    private final AuthorityVersions versions;
    private final UserAuthorities authorities;
    private final EmailCodes codes;
    private final TransactionOperations<Connection> transactions;

    public UserService(UserRepository users, Passwords passwords, MembershipRepository memberships, Outbox outbox,
                       AuthorityVersions versions, UserAuthorities authorities, EmailCodes codes,
                       TransactionOperations<Connection> transactions) {
        this.codes = codes;
        this.transactions = transactions;
        this.users = users;
        this.passwords = passwords;
        this.memberships = memberships;
        this.outbox = outbox;
        this.versions = versions;
        this.authorities = authorities;
    }

    /**
     * Deletes the user (its memberships and refresh tokens go with it): each membership ends with a
     * MembershipRemoved, then UserDeleted, each with the version that refuses the user's older tokens.
     */
    @Transactional
    public void delete(String id) {
        // Locked before its memberships are listed: a membership being added right now (its foreign key check
        // holds the user's row) is then committed and listed, or waits for this deletion and finds the user gone.
        // Listed first, it could commit in between, be cascaded away with the user and never be announced removed.
        User user = users.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("User"));
        // Raised in the locks' (organization id) order, the order a template edit raises its holders' versions in:
        // in the memberships' age order, a deletion and an edit could each hold one of the user's versions and wait
        // for the other's.
        for (UUID organizationId : memberships.lockMembershipsOf(id)) {
            outbox.append(new MembershipRemoved(organizationId.toString(), id, versions.raise(id, organizationId)));
        }
        users.delete(user);
        outbox.append(new UserDeleted(id, versions.raise(id)), id);
    }

    /**
     * Suspends the user or lifts the suspension. Suspending raises its version (every token and sign-in it had
     * ends, and a lifted suspension does not bring them back); lifting it grants nothing, so it changes no version.
     */
    @Transactional
    public User setSuspended(String id, boolean suspended) {
        User user = lockedForChange(id);
        if (user.suspended() == suspended) {
            return user;
        }
        User updated = users.update(user.withSuspended(suspended, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        if (suspended) {
            outbox.append(new UserSuspended(id, versions.raise(id)), id);
        }
        return updated;
    }

    @Transactional
    public List<User> search(String q, PageRequest page) {
        return users.search(OrganizationService.like(q), page.pageSize(), page.offset());
    }

    @Transactional
    public long count(String q) {
        return users.countSearch(OrganizationService.like(q));
    }

    /**
     * Self-service sign-up: the new user is unverified and gets a verification email (code and link). The hash
     * comes before the transaction: waiting for a hashing thread must not hold a pooled connection, or a burst of
     * sign-ups takes every connection from the sign-ins.
     */
    public User signUp(String email, String name, String password) {
        String hash = checkedHash(password, email.strip());
        return transactions.executeWrite(status -> {
            User user = insert(email, name, hash);
            codes.send(user, EmailCodeRequested.REGISTER);
            return user;
        });
    }

    /**
     * Marks the user's address proved, when {@code email} is still its address (a code sent before an email change
     * proves the old one only). Publishes UserEmailVerified once; true when this call verified it.
     */
    @Transactional
    public boolean markEmailVerified(String id, String email) {
        // Unlocked first: an address already verified (the usual case) takes no lock, so acceptances vouched for by
        // each other's invitees in two organizations do not wait on each other's user rows. Then locked and read
        // again, as every change written back whole (see lockedForChange).
        Predicate<User> toVerify = u -> EmailAddresses.same(u.email(), email) && !u.emailVerified();
        if (users.findById(id).filter(toVerify).isEmpty()) {
            return false;
        }
        Optional<User> user = users.findByIdForUpdate(id).filter(toVerify);
        if (user.isEmpty()) {
            return false;
        }
        User verified = users.update(user.get().withEmailVerified(Instant.now().truncatedTo(ChronoUnit.MICROS)));
        outbox.append(new UserEmailVerified(id, verified.email()), id);
        return true;
    }

    /** Creates a user; the password is optional for users created through the Management API. */
    @Transactional
    public User create(String email, String name, String password) {
        return insert(email, name, checkedHash(password, email.strip()));
    }

    /** The hash of a password the policy admits (null for none). */
    private String checkedHash(String password, String normalizedEmail) {
        if (password == null) {
            return null;
        }
        PasswordPolicy.violation(password, normalizedEmail).ifPresent(reason -> {
            throw ProblemException.badRequest("password", reason);
        });
        return passwords.hash(password);
    }

    private User insert(String email, String name, String hash) {
        String normalizedEmail = EmailAddress.storedForm(email.strip());
        if (byAnySpelling(email).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "An account with this email already exists", "email");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User user = users.save(new User(UUID.randomUUID().toString(), normalizedEmail, name.strip(), hash, false, false, now,
                now));
        outbox.append(new UserCreated(user.id(), user.email(), user.name(), user.emailVerified()), user.id());
        return user;
    }

    /** The user with this email (compared without case, as {@link EmailAddresses#same}), if any. */
    @Transactional
    public Optional<User> findByEmail(String email) {
        return byAnySpelling(email);
    }

    private Optional<User> byAnySpelling(String email) {
        return EmailAddresses.find(email, users::findByEmailIgnoreCase, User::email);
    }

    @Transactional
    public Optional<User> find(String id) {
        return users.findById(id);
    }

    /**
     * The user read with its row locked until the transaction ends, for a change written back as a whole row: read
     * without the lock, a change committed meanwhile by another (a suspension, a new password) was overwritten with
     * the value read before it, so a profile edit or an email's verification could silently lift a suspension or
     * bring an old password back.
     */
    @Transactional
    public User findForChange(String id) {
        return lockedForChange(id);
    }

    /** {@link #findForChange}, empty when there is no such user. */
    @Transactional
    public Optional<User> findForChangeIfPresent(String id) {
        return users.findByIdForUpdate(id);
    }

    private User lockedForChange(String id) {
        return findForChangeIfPresent(id).orElseThrow(() -> ProblemException.notFound("User"));
    }

    @Transactional
    public User get(String id) {
        return users.findById(id).orElseThrow(() -> ProblemException.notFound("User"));
    }

    @Transactional
    public User update(String id, String email, String name, String password) {
        // The new password checked and hashed (Argon2, ~50 ms) before this call locks the user's row, not while holding
        // it (a password reset, which locked the row to check its code, still holds it through the hash).
        String hash = null;
        if (password != null) {
            String checkedAgainst = email == null ? get(id).email() : email.strip();
            PasswordPolicy.violation(password, checkedAgainst).ifPresent(reason -> {
                throw ProblemException.badRequest("password", reason);
            });
            hash = passwords.hash(password);
        }
        User user = lockedForChange(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String newEmail = email == null ? user.email() : EmailAddress.storedForm(email.strip());
        if (!EmailAddresses.same(newEmail, user.email())
                && byAnySpelling(email).filter(u -> !u.id().equals(id)).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "An account with this email already exists", "email");
        }
        User updated = user.withProfile(newEmail, name == null ? user.name() : name.strip(), now);
        if (hash != null) {
            updated = updated.withPasswordHash(hash, now);
        }
        User saved = users.update(updated);
        boolean newAddress = !EmailAddresses.same(saved.email(), user.email());
        if (!saved.email().equals(user.email()) || !saved.name().equals(user.name())) {
            // Tokens carry the address (email, email_verified) and invitation acceptance trusts it: a new address
            // ends every sign-in and token issued for the old one, as a new password does.
            Long version = newAddress ? versions.raise(id) : null;
            outbox.append(new UserUpdated(id, saved.email(), saved.name(), saved.emailVerified(), version), id);
        }
        if (newAddress) {
            codes.send(saved, EmailCodeRequested.REGISTER); // the new address is unproved until its code comes back
        }
        if (password != null) {
            // Any new password ends every sign-in: whoever knew the old one keeps nothing.
            outbox.append(new PasswordChanged(id, versions.raise(id)), id);
        }
        return saved;
    }

    /**
     * The user whose email and password match, with its authority version as of the password it matched;
     * empty for an unknown email or a wrong password alike. Not in a transaction: the read is one statement, and
     * the hash after it should not hold a pooled connection for its ~50 ms.
     */
    public Optional<UserAuthority> authenticate(String email, String password) {
        Optional<UserAuthority> found = authorities.byEmail(email);
        String hash = found.map(u -> u.user().passwordHash()).orElse(null);
        boolean ok = passwords.matches(password, hash);
        return ok && hash != null ? found : Optional.empty();
    }

    /** The user with its authority version read in one statement, for a token built from it. */
    @Transactional
    public Optional<UserAuthority> authority(String id) {
        return authorities.byId(id);
    }
}
