package io.documind.notification.delivery;

/**
 * An email the SMTP server did not take. {@code permanent}: retrying cannot help (the server refused the
 * recipient); otherwise it may work later (server away, busy, timed out).
 */
public class SendFailure extends Exception {

    private final boolean permanent;

    public SendFailure(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
