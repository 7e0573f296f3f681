package io.documind.notification.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/**
 * Whether an address can be handed to an SMTP server at all. A bad one is refused when the email is recorded
 * (and logged as Failed) instead of being retried forever against a server that will never take it.
 */
public final class Recipients {

    /** RFC 5321's limit for a path, which is what the server has to accept. */
    static final int MAX_LENGTH = 254;

    private Recipients() {
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
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
                return Optional.of("recipient must be a bare address");
            }
        } catch (AddressException e) {
            return Optional.of("invalid recipient address: " + e.getMessage());
        }
        return Optional.empty();
    }
}
