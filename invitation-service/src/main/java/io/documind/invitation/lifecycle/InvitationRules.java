package io.documind.invitation.lifecycle;

import io.documind.contracts.EmailAddress;
import io.documind.invitation.directory.TemplateRole;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The rules of the invitation lifecycle, free of HTTP and storage so each can be tested alone. */
@Singleton
public class InvitationRules {

    public static final String FIELD_EXPIRES_AT = "expiresAt";
    public static final String FIELD_ROLE_NAMES = "organizationRoleNames";
    public static final String FIELD_ROLE_IDS = "organizationRoleIds";

    private final Duration defaultExpiry;
    private final Duration maxExpiry;
    private final Duration resendCooldown;

    @Inject
    public InvitationRules(InvitationSettings settings) {
        this(settings.getDefaultExpiry(), settings.getMaxExpiry(), settings.getResendCooldown());
    }

    public InvitationRules(Duration defaultExpiry, Duration maxExpiry, Duration resendCooldown) {
        if (defaultExpiry.compareTo(maxExpiry) > 0 || defaultExpiry.isNegative() || defaultExpiry.isZero()) {
            throw new IllegalArgumentException("need 0 < default expiry <= max expiry");
        }
        this.defaultExpiry = defaultExpiry;
        this.maxExpiry = maxExpiry;
        this.resendCooldown = resendCooldown;
    }

    /** When a new invitation expires: the default when none was asked; never in the past or beyond the maximum. */
    public Instant expiry(Instant requested, Instant now) {
        if (requested == null) {
            return now.plus(defaultExpiry).truncatedTo(ChronoUnit.MILLIS);
        }
        if (!requested.isAfter(now)) {
            throw ProblemException.badRequest(FIELD_EXPIRES_AT, "expiresAt must be in the future");
        }
        if (requested.isAfter(now.plus(maxExpiry))) {
            throw ProblemException.badRequest(FIELD_EXPIRES_AT,
                    "expiresAt may be at most " + maxExpiry.toDays() + " days ahead");
        }
        // Millisecond precision: what JSON clients send and what the database keeps exactly.
        return requested.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The template roles named by name and/or id (Logto accepts either), in the order given, each once.
     * A name or id the template does not have is refused. None at all is allowed, as in Logto: the invitee
     * becomes a member without a role, to be given one later.
     */
    public List<InvitationRole> resolveRoles(List<String> names, List<String> ids, List<TemplateRole> template) {
        Map<String, InvitationRole> chosen = new LinkedHashMap<>();
        pick(names, template, TemplateRole::name, FIELD_ROLE_NAMES, "name", chosen);
        pick(ids, template, TemplateRole::id, FIELD_ROLE_IDS, "id", chosen);
        return List.copyOf(chosen.values());
    }

    private static void pick(List<String> wanted, List<TemplateRole> template, Function<TemplateRole, String> key,
                             String field, String what, Map<String, InvitationRole> chosen) {
        if (wanted == null) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        for (String value : wanted) {
            template.stream().filter(r -> Objects.equals(key.apply(r), value)).findFirst().ifPresentOrElse(
                    r -> chosen.putIfAbsent(r.name(), new InvitationRole(r.id(), r.name())),
                    () -> unknown.add(value));
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "No organization role with " + what + " " + String.join(", ", unknown) + " in the template", field);
        }
    }

    /** A final status never changes; Expired counts from the moment the time passes. */
    public void requireChangeable(Invitation invitation, Instant now) {
        InvitationStatus current = invitation.statusAt(now);
        if (current.isFinal()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The invitation is " + current + ", which is final", "status");
        }
    }

    /** How long until the invitation's message may be sent again; zero when it may be sent now. */
    public Duration resendWait(Instant lastSent, Instant now) {
        if (lastSent == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, lastSent.plus(resendCooldown));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Email addresses are compared without regard to case and in their stored spelling
     * ({@link EmailAddress#storedForm}), everywhere; where the database compares them too, also as it does
     * ({@link InvitationRepository#sameMailbox}).
     */
    public static boolean sameEmail(String a, String b) {
        return a != null && b != null && EmailAddress.storedForm(a).toLowerCase(Locale.ROOT)
                .equals(EmailAddress.storedForm(b).toLowerCase(Locale.ROOT));
    }
}
