package io.documind.notification;

import io.documind.localstack.MailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.List;

/** An email as the SMTP server received it, taken apart; line ends back to {@code \n} (SMTP sends CRLF). */
record ReceivedMail(String subject, String from, String html, String text, String notificationId) {

    static List<ReceivedMail> inbox(MailServer server, String address) {
        return server.messagesFor(address).stream().map(ReceivedMail::of).toList();
    }

    static ReceivedMail of(MimeMessage message) {
        try {
            String[] parts = new String[2];
            collect(message, parts);
            String[] id = message.getHeader("X-DocuMind-Notification-Id");
            return new ReceivedMail(message.getSubject(), message.getFrom()[0].toString(), parts[0], parts[1],
                    id == null ? null : id[0]);
        } catch (MessagingException | IOException e) {
            throw new AssertionError("unreadable message", e);
        }
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    private static void collect(Part part, String[] htmlAndText) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, htmlAndText);
            }
        } else if (part.isMimeType("text/html")) {
            htmlAndText[0] = lf((String) part.getContent());
        } else if (part.isMimeType("text/plain")) {
            htmlAndText[1] = lf((String) part.getContent());
        }
    }
}
