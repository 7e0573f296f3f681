package io.documind.org.limits;

import io.documind.kit.web.ProblemException;
import io.documind.org.identity.EmailAddresses;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The abuse limits of org-service's public routes, each a {@link RequestLimits} key: refused with 429 and
 * {@code Retry-After}. Every request counts, refused ones too, and a check comes before the work it guards (the
 * Argon2 hash of a sign-up, the organization's row and event), so a flood costs its sender, not the service.
 * The client address is the TCP peer's ({@link ClientAddress}).
 */
@Singleton
public class AbuseLimits {

    private final RequestLimits limits;
    private final LimitSettings settings;

    public AbuseLimits(RequestLimits limits, LimitSettings settings) {
        this.limits = limits;
        this.settings = settings;
    }

    public void signUp(String clientAddress) {
        check("sign-up:client:" + clientAddress, settings.getSignUpsPerClientAddress(), settings.getSignUpWindow(),
                "Too many sign-ups from this address; try again later");
    }

    /** A user creating an organization (which sends a welcome email), from a client address. */
    public void organizationCreation(String userId, String clientAddress) {
        String refusal = "Too many organizations created; try again later";
        check("organization:user:" + userId, settings.getOrganizationsPerUser(), settings.getOrganizationWindow(),
                refusal);
        check("organization:client:" + clientAddress, settings.getOrganizationsPerClientAddress(),
                settings.getOrganizationWindow(), refusal);
    }

    /**
     * An emailed code (a verification resend, a password reset) to {@code email}, asked from a client address. The
     * per-user budget is counted by the address it goes to, so it counts alike whether or not the address has an
     * account, and a 429 tells nobody who signed up.
     */
    public void codeEmail(String email, String clientAddress) {
        String refusal = "Too many emailed codes; try again later";
        check("code-email:client:" + clientAddress, settings.getCodeEmailsPerClientAddress(),
                settings.getCodeEmailWindow(), refusal);
        check("code-email:to:" + EmailAddresses.canonical(email), settings.getCodeEmailsPerUser(),
                settings.getCodeEmailWindow(), refusal);
    }

    /**
     * A verification code tried by a signed-in user, from a client address: see {@link #codeCheck}; and, for an
     * address at a domain that joins organizations just in time ({@code joiningDomain}), by every account there
     * (see {@link LimitSettings#getCodeChecksPerJitDomain}).
     */
    public void verificationCodeCheck(String userId, String clientAddress, Optional<String> joiningDomain) {
        codeCheck("user:" + userId, clientAddress);
        joiningDomain.ifPresent(this::joiningDomainCodeCheck);
    }

    /**
     * A password-reset code tried for an address, from a client address: counted by the address as {@link
     * EmailAddresses#canonical}, so alike with or without an account and for every spelling that reaches one.
     */
    public void resetCodeCheck(String email, String clientAddress, Optional<String> joiningDomain) {
        codeCheck("email:" + EmailAddresses.canonical(email), clientAddress);
        joiningDomain.ifPresent(this::joiningDomainCodeCheck);
    }

    /**
     * A code tried for an address at a domain that joins organizations just in time: a right one proves the address
     * (a password reset's too), which makes it a member. One budget for the verification and reset codes of every
     * account there (see {@link LimitSettings#getCodeChecksPerJitDomain}).
     */
    private void joiningDomainCodeCheck(String domain) {
        check("code-check:jit-domain:" + domain, settings.getCodeChecksPerJitDomain(), settings.getCodeCheckWindow(),
                "Too many codes tried for addresses at this domain today; open the link in the email instead, or"
                        + " try again later");
    }

    /**
     * Emailed codes tried for one account and from one client address. Each code survives only a few wrong tries,
     * but a new code starts afresh; these budgets bound the guesses at an account however many codes it is sent,
     * and a guesser spraying many accounts from one address. Counted before the code is checked, right or wrong,
     * so parallel guesses cannot pass together; a person needs a few tries a day.
     */
    private void codeCheck(String account, String clientAddress) {
        String refusal = "Too many codes tried; try again later";
        check("code-check:client:" + clientAddress, settings.getCodeChecksPerClientAddress(),
                settings.getCodeCheckWindow(), refusal);
        check("code-check:" + account, settings.getCodeChecksPerAccount(), settings.getCodeCheckWindow(), refusal);
    }

    private void check(String key, int limit, Duration window, String refusal) {
        Optional<Duration> wait = limits.take(key, limit, window);
        if (wait.isPresent()) {
            throw ProblemException.tooManyRequests(refusal, wait.get());
        }
    }
}
