package io.documind.system;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an invitee reads: the invitation link, with its one-time secret, from the email; and the verification
 * code of the Register email every sign-up gets.
 */
final class InvitationMails {

    /** The default link template, {@code http://localhost:3000/invitation/{id}?token={token}}. */
    private static final Pattern LINK =
            Pattern.compile("http://localhost:3000/invitation/([^?\"'\\s<]+)\\?token=([A-Za-z0-9_\\-]+)");

    /** The default Register email's subject, and its code as the default template writes it. */
    private static final String VERIFICATION_SUBJECT = "Your DocuMind verification code";
    private static final Pattern CODE = Pattern.compile("<strong>(\\d{6})</strong>");

    record Link(String invitationId, String secret) {
    }

    private InvitationMails() {
    }

    /** The invitation link in the message; fails when there is none. */
    static Link link(MimeMessage message) {
        Matcher link = LINK.matcher(text(message));
        if (!link.find()) {
            throw new AssertionError("no invitation link in the email");
        }
        return new Link(link.group(1), link.group(2));
    }

    /** Whether the message is the Register email (the platform's, not an organization's). */
    static boolean isVerification(MimeMessage message) {
        try {
            return VERIFICATION_SUBJECT.equals(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    /** The 6-digit code in a Register email; fails when there is none. */
    static String verificationCode(MimeMessage message) {
        Matcher code = CODE.matcher(text(message));
        if (!code.find()) {
            throw new AssertionError("no 6-digit code in the email");
        }
        return code.group(1);
    }

    /** All text of a message, HTML and plain parts alike. */
    static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                StringBuilder all = new StringBuilder();
                collect(multipart, all);
                return all.toString();
            }
            return String.valueOf(content);
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable email", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Multipart multipart, StringBuilder all) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            Object content = part.getContent();
            if (content instanceof Multipart nested) {
                collect(nested, all);
            } else {
                all.append(content).append('\n');
            }
        }
    }
}
