package io.documind.system;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what an invitee reads: the invitation link, with its one-time secret, from the email. */
final class InvitationMails {

    /** The default link template, {@code http://localhost:3000/invitation/{id}?token={token}}. */
    private static final Pattern LINK =
            Pattern.compile("http://localhost:3000/invitation/([^?\"'\\s<]+)\\?token=([A-Za-z0-9_\\-]+)");

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
