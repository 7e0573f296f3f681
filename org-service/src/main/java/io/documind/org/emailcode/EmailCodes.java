package io.documind.org.emailcode;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.ProblemException;
import io.documind.kit.web.SecretLinks;
import io.documind.org.identity.EmailAddresses;
import io.documind.org.identity.User;
import io.documind.org.token.Secrets;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Emailed one-time codes: one live code per (user, purpose), a new one replacing the old. The code (and, for
 * {@code Register}, a link secret) leaves only sealed in EmailCodeRequested and rests only hashed: the code keyed
 * ({@link CodeDigest}: a plain hash of a 6-digit code gives it away in a million guesses), the link secret plainly
 * (256 random bits). Online, a short lifetime and a few attempts per code protect it.
 */
@Singleton
public class EmailCodes {

    /** What checking a code found. */
    public enum Outcome {
        VERIFIED, WRONG, NONE, TOO_MANY_ATTEMPTS;

        /** The problem a refused code is answered with (field {@code code}). */
        public ProblemException refusal() {
            return switch (this) {
                case WRONG -> ProblemException.badRequest("code", "The code is wrong");
                case NONE -> ProblemException.badRequest("code",
                        "No code is waiting for this address, or it expired: ask for a new one");
                case TOO_MANY_ATTEMPTS -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                        "Too many wrong codes: ask for a new one", "code");
                case VERIFIED -> throw new IllegalStateException("a verified code is no refusal");
            };
        }
    }

    /** A link secret that opened its code: the user and the address it proves. */
    public record LinkUse(String userId, String email) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmailCodeRepository codes;
    private final CodeSealer sealer;
    private final Outbox outbox;
    private final EmailCodeSettings settings;
    private final CodeDigest digest;

    public EmailCodes(EmailCodeRepository codes, CodeSealer sealer, Outbox outbox, EmailCodeSettings settings,
                      CodeDigest digest) {
        this.codes = codes;
        this.digest = digest;
        this.sealer = sealer;
        this.outbox = outbox;
        this.settings = settings;
        SecretLinks.requireTokenInQueryOrFragment("documind.identity.email-codes.verification-link-template",
                settings.getVerificationLinkTemplate());
    }

    /** Makes a new code for the user's current address and asks notification-service to mail it. */
    @Transactional
    public void send(User user, String purpose) {
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        String linkSecret = EmailCodeRequested.REGISTER.equals(purpose) ? Secrets.generate() : null;
        String id = EmailCode.idOf(user.id(), purpose);
        codes.deleteById(id);
        // Read after the delete, which may have waited for a lock: the resend cooldown and the lifetime start now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(settings.getLifetime());
        codes.save(new EmailCode(id, user.id(), purpose, user.email(),
                digest.digest(material(user.id(), purpose, code)), linkSecret == null ? null : Secrets.hash(linkSecret),
                0, expiresAt, now));
        String sealedLink = linkSecret == null ? null : sealer.seal(user.id(), purpose,
                settings.getVerificationLinkTemplate().replace("{token}", linkSecret));
        outbox.append(new EmailCodeRequested(user.id(), user.email(), user.name(), purpose,
                sealer.seal(user.id(), purpose, code), sealedLink, expiresAt), user.id());
    }

    /** How long until the user may have another code of this purpose; empty when it may now. */
    @Transactional
    public Optional<Duration> cooldown(String userId, String purpose) {
        Instant now = Instant.now();
        return codes.findById(EmailCode.idOf(userId, purpose))
                .map(c -> Duration.between(now, c.createdAt().plus(settings.getResendCooldown())))
                .filter(wait -> wait.isPositive());
    }

    /**
     * Checks a code sent to {@code email} for this purpose. A right code is used up; a wrong one counts against
     * the code. Returns rather than throws, so the caller's transaction keeps the count.
     */
    @Transactional
    public Outcome check(String userId, String purpose, String email, String code) {
        Optional<EmailCode> found = codes.findForUpdate(EmailCode.idOf(userId, purpose))
                .filter(c -> EmailAddresses.same(c.email(), email) && c.expiresAt().isAfter(Instant.now()));
        if (found.isEmpty()) {
            return Outcome.NONE;
        }
        EmailCode live = found.get();
        if (live.attempts() >= settings.getMaxAttempts()) {
            return Outcome.TOO_MANY_ATTEMPTS;
        }
        if (code == null || !digest.matches(material(userId, purpose, code.strip()), live.codeHash())) {
            codes.countAttempt(live.id());
            return Outcome.WRONG;
        }
        codes.deleteById(live.id());
        return Outcome.VERIFIED;
    }

    /**
     * Uses up the live verification link with this secret, sent to {@code userId}; empty when there is none
     * (unknown, used, expired, or another account's).
     */
    @Transactional
    public Optional<LinkUse> useLink(String secret, String userId) {
        return codes.findByLinkHashForUpdate(Secrets.hash(secret))
                .filter(c -> c.expiresAt().isAfter(Instant.now()))
                .filter(c -> c.userId().equals(userId)) // another account's link stays usable by its own
                .map(c -> {
                    codes.deleteById(c.id());
                    return new LinkUse(c.userId(), c.email());
                });
    }

    /** What a link would prove, without using it: the address it was sent to, while it is unused and unexpired. */
    public Optional<String> peekLink(String secret) {
        return codes.findByLinkHash(Secrets.hash(secret))
                .filter(c -> c.expiresAt().isAfter(Instant.now()))
                .map(EmailCode::email);
    }

    /** What is hashed: the code bound to its user and purpose, so equal codes of two users hash apart. */
    private static String material(String userId, String purpose, String code) {
        return userId + ":" + purpose + ":" + code;
    }
}
