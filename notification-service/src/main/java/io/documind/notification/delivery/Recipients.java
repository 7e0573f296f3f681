package io.documind.notification.delivery;

import io.documind.contracts.EmailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an address can be handed to an SMTP server at all. A bad one is refused when the email is recorded
 * (and logged as Failed) instead of being retried forever against a server that will never take it.
 */
public final class Recipients {

    /** RFC 5321's limit for a path, which is what the server has to accept. */
    static final int MAX_LENGTH = EmailAddress.MAX_SMTP_LENGTH;

    /**
     * What the services take as an address and every event schema's pattern allows. Why here too: RFC 5321 allows a
     * quoted part before the {@code @} with spaces in it ({@code "ann lee"@example.com}), which the SMTP server takes
     * but no EmailSent can carry; such an address stored before sign-up refused it was sent, its Sent could not be
     * recorded, and the email went out again each time its claim ran out.
     */
    private static final Pattern ACCEPTED = Pattern.compile(EmailAddress.ACCEPTED);

    private Recipients() {
    }

    /**
     * The address as the SMTP server is given it: an internationalized domain in its ASCII form (punycode), which
     * every server takes; sent as written, angus-mail refused {@code ann@bücher.example} ("Domain contains illegal
     * character"). Only for an address {@link #problem} passed, which refuses a domain with no ASCII form that
     * stands for it alone ({@link EmailAddress#asciiForm}: {@code faß.de} would be mailed at {@code fass.de}).
     */
    public static String forSmtp(String address) {
        return EmailAddress.asciiForm(address).orElseThrow(() -> new IllegalArgumentException("not mailable"));
    }

    /** Why the address cannot be used, or empty when it can. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("no recipient address");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("recipient address is longer than " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at != address.indexOf('@') || at == address.length() - 1) {
            return Optional.of("recipient address must be local@domain");
        }
        String domain = address.substring(at + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of("recipient domain is malformed");
        }
        Optional<String> asciiForm = EmailAddress.asciiForm(address);
        if (asciiForm.isEmpty()) {
            return Optional.of("recipient has no ASCII form: its part before @ is not ASCII (that needs SMTPUTF8, not "
                    + "used here), its domain has no ASCII form that stands for it alone, or it is longer than "
                    + MAX_LENGTH + " characters in that form");
        }
        if (!ACCEPTED.matcher(address).matches()) {
            return Optional.of("recipient address " + EmailAddress.ACCEPTED_MESSAGE);
        }
        String ascii = asciiForm.get();
        try {
            InternetAddress parsed = new InternetAddress(ascii, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !ascii.equals(parsed.getAddress())) {
                return Optional.of("recipient must be a bare address");
            }
        } catch (AddressException e) {
            return Optional.of("invalid recipient address: " + e.getMessage());
        }
        return Optional.empty();
    }
}
