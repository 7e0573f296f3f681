package io.documind.notification.delivery;

/** An email the SMTP server did not take, and whether (and for what) it is worth waiting. */
public class SendFailure extends Exception {

    public enum Kind {
        /** Retrying cannot help: the server refused the recipient, or the address is malformed. */
        PERMANENT,
        /** The server deferred this recipient only (4xx to RCPT: mailbox full, greylisting); other mail goes. */
        RECIPIENT_DEFERRED,
        /** The server is away, busy or timed out: every email waits for it, and goes once it takes one again. */
        SERVER_UNAVAILABLE
    }

    private final Kind kind;

    public SendFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }
}
