package io.documind.org.passwordreset;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.web.ProblemException;
import io.documind.org.emailcode.EmailCodeSettings;
import io.documind.org.emailcode.EmailCodes;
import io.documind.org.emailcode.EmailCodes.Outcome;
import io.documind.org.identity.EmailAddresses;
import io.documind.org.identity.PasswordPolicy;
import io.documind.org.identity.User;
import io.documind.org.identity.UserService;
import io.documind.org.limits.AbuseLimits;
import io.documind.org.limits.RequestLimits;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.util.Optional;

/**
 * Password reset by emailed code (ForgotPassword). Asking answers alike whether or not the address has an account,
 * and is limited per address and per client address whatever the answer, so neither the answer nor a 429 tells
 * who signed up. The new password ends every sign-in as a password change does (PasswordChanged).
 */
@Singleton
public class PasswordReset {

    private final UserService users;
    private final EmailCodes codes;
    private final RequestLimits limits;
    private final EmailCodeSettings settings;
    private final AbuseLimits abuse;
    private final TransactionOperations<Connection> transactions;

    public PasswordReset(UserService users, EmailCodes codes, RequestLimits limits, EmailCodeSettings settings,
                         AbuseLimits abuse, TransactionOperations<Connection> transactions) {
        this.users = users;
        this.codes = codes;
        this.limits = limits;
        this.settings = settings;
        this.abuse = abuse;
        this.transactions = transactions;
    }

    /** Mails a code when the address has an account that may sign in; refuses (429) when asked too often. */
    public void request(String email, String clientAddress) {
        limits.take("password-reset:client:" + clientAddress, settings.getResetRequestsPerClientAddress(),
                settings.getResetAddressWindow()).ifPresent(PasswordReset::refuse);
        limits.take("password-reset:email:" + EmailAddresses.canonical(email), 1, settings.getResendCooldown())
                .ifPresent(PasswordReset::refuse);
        abuse.codeEmail(email, clientAddress);
        users.findByEmail(email).filter(u -> !u.suspended()).ifPresent(user -> transactions.executeWrite(status -> {
            lockedFor(user.id(), email).ifPresent(current -> codes.send(current, EmailCodeRequested.FORGOT_PASSWORD));
            return null;
        }));
    }

    /**
     * The user's row locked, read again under the lock, when it still has this address and is not suspended. Taken
     * before the code's row on both sides: replacing the code without it (a delete, then an insert whose foreign key
     * check waits on the user's row) deadlocked with a confirmation holding the user and waiting for the code. Read
     * under the lock, a suspension or an email change committed since the first read wins, and a code sent to an
     * address the account no longer has proves nothing.
     */
    private Optional<User> lockedFor(String userId, String email) {
        return users.findForChangeIfPresent(userId)
                .filter(u -> !u.suspended() && EmailAddresses.same(u.email(), email));
    }

    /**
     * Sets the new password when the code is right; a wrong code counts against it (the outcome is returned, not
     * thrown, so the count is kept). The code came to the address, so the address counts as verified too.
     */
    @Transactional
    public Outcome confirm(String email, String code, String password) {
        PasswordPolicy.violation(password, email.strip()).ifPresent(reason -> {
            throw ProblemException.badRequest("password", reason);
        });
        // A suspended account is as absent here as at the request: a code mailed just before the suspension must not
        // set a password, nor verify the address (which would make it a JIT member of matching organizations).
        Optional<User> user = users.findByEmail(email).flatMap(u -> lockedFor(u.id(), email));
        if (user.isEmpty()) {
            return Outcome.NONE;
        }
        User found = user.get();
        Outcome outcome = codes.check(found.id(), EmailCodeRequested.FORGOT_PASSWORD, found.email(), code);
        if (outcome == Outcome.VERIFIED) {
            users.update(found.id(), null, null, password);
            users.markEmailVerified(found.id(), found.email());
        }
        return outcome;
    }

    private static void refuse(java.time.Duration wait) {
        throw ProblemException.tooManyRequests("Too many password reset requests; try again later", wait);
    }
}
