package io.documind.notification.delivery;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Tells a permanent SMTP failure from a transient one using the Jakarta Mail API only: the SMTP transport
 * lists recipients refused with a 5xx reply as invalid addresses, and those refused with a 4xx as valid but
 * unsent: then the server is fine and only that recipient waits. Anything else (connection refused, timeouts,
 * 4xx to MAIL or DATA) means the server is not taking mail for now.
 */
public final class SmtpFailures {

    static final int MAX_MESSAGE = 500;

    private SmtpFailures() {
    }

    public static SendFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressException) {
                return new SendFailure(SendFailure.Kind.PERMANENT, "invalid address: " + t.getMessage(), failure);
            }
            if (t instanceof SendFailedException sent) {
                Address[] invalid = sent.getInvalidAddresses();
                if (invalid != null && invalid.length > 0) {
                    String who = Arrays.stream(invalid).map(Address::toString).collect(Collectors.joining(", "));
                    return new SendFailure(SendFailure.Kind.PERMANENT, "the SMTP server refused " + who + ": " + describe(t), failure);
                }
                Address[] deferred = sent.getValidUnsentAddresses();
                if (deferred != null && deferred.length > 0) {
                    return new SendFailure(SendFailure.Kind.RECIPIENT_DEFERRED, describe(t), failure);
                }
            }
        }
        return new SendFailure(SendFailure.Kind.SERVER_UNAVAILABLE, describe(deepest(failure)), failure);
    }

    private static Throwable deepest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(Throwable t) {
        String text = t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
