package io.documind.org.verification;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.web.ProblemException;
import io.documind.org.emailcode.EmailCodes;
import io.documind.org.emailcode.EmailCodes.Outcome;
import io.documind.org.identity.EmailAddresses;
import io.documind.org.identity.User;
import io.documind.org.identity.UserService;
import io.documind.org.limits.AbuseLimits;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.util.Optional;

/**
 * Proving a user's address: the code or link of the Register email; the resend with its cooldown. Each locks the
 * user's row before its code's: an email change holds the user's row while it replaces the code, so taking the code
 * first and the user second deadlocked with it (one of the two aborted), and a resend replacing the code at that
 * moment failed on the new code's key.
 */
@Singleton
public class EmailVerification {

    private final UserService users;
    private final EmailCodes codes;
    private final AbuseLimits limits;
    private final TransactionOperations<Connection> transactions;

    public EmailVerification(UserService users, EmailCodes codes, AbuseLimits limits,
                             TransactionOperations<Connection> transactions) {
        this.users = users;
        this.codes = codes;
        this.limits = limits;
        this.transactions = transactions;
    }

    /** Checks the code against the user's current address; verified (or already so) → the user as it now is. */
    @Transactional
    public Result verify(String userId, String code) {
        User user = users.findForChange(userId);
        if (user.emailVerified()) {
            return new Result(Outcome.VERIFIED, user);
        }
        Outcome outcome = codes.check(userId, EmailCodeRequested.REGISTER, user.email(), code);
        if (outcome == Outcome.VERIFIED) {
            users.markEmailVerified(userId, user.email());
        }
        return new Result(outcome, users.get(userId));
    }

    /**
     * Uses a verification link's secret for the signed-in user it was sent to; the user, when it proved the user's
     * current address. The secret alone proves only that someone read the mailbox, not that the account is that
     * person's: anyone may sign up with another's address, and a mail scanner or a curious recipient opening the link
     * would then prove the address for the account of whoever signed up, which JIT turns into memberships.
     */
    @Transactional
    public Optional<User> verifyLink(String secret, String userId) {
        users.findForChange(userId); // the user's row before the code's, as the class comment says
        Optional<EmailCodes.LinkUse> use = codes.useLink(secret, userId);
        use.ifPresent(u -> users.markEmailVerified(u.userId(), u.email()));
        return use.flatMap(u -> users.find(u.userId()))
                .filter(u -> u.emailVerified() && EmailAddresses.same(u.email(), use.get().email()));
    }

    /** The address a live link would prove, without using it. */
    @Transactional
    public Optional<String> linkAddress(String secret) {
        return codes.peekLink(secret);
    }

    /**
     * A new code and link, unless the address is proved already (409), the last one is too recent (429) or the
     * user's or the client address's budget of emailed codes is spent (429). Not one transaction: the budget is
     * counted in a transaction of its own, which must not wait for a pooled connection while holding one. The first
     * checks are answered without a lock; the code is then made under the user's lock, for the address it has then,
     * once the checks pass again (an email change or another resend may have sent one meanwhile). A resend refused
     * only there has still been counted against the budget of emailed codes (a race; rare).
     */
    public void resend(String userId, String clientAddress) {
        User user = users.get(userId);
        refuseResend(user);
        limits.codeEmail(user.email(), clientAddress);
        transactions.executeWrite(status -> {
            User current = users.findForChange(userId);
            refuseResend(current);
            codes.send(current, EmailCodeRequested.REGISTER);
            return null;
        });
    }

    private void refuseResend(User user) {
        if (user.emailVerified()) {
            throw new ProblemException(HttpStatus.CONFLICT, "The email address is verified already");
        }
        codes.cooldown(user.id(), EmailCodeRequested.REGISTER).ifPresent(wait -> {
            throw ProblemException.tooManyRequests("A code was sent moments ago; ask again later", wait);
        });
    }

    /** What a code check found, and the user after it. */
    public record Result(Outcome outcome, User user) {
    }
}
