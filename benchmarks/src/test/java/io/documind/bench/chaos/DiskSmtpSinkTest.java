package io.documind.bench.chaos;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DiskSmtpSinkTest {

    @TempDir
    Path dir;

    @Test
    void anAcknowledgedEmailIsAlreadyOnDiskWithWhatIdentifiesItsCopies() throws Exception {
        Path file = dir.resolve("mail.sink");
        try (DiskSmtpSink sink = DiskSmtpSink.start(0, file)) {
            send(sink.port(), "Bob@Example.com", "n-1", "You are invited to join Acme", "line one\r\n.leading dot");
            // No waiting: the 250 that ended the send came only after the record was forced to disk.
            List<SinkMailbox.Mail> mails = new SinkMailbox(file).all();
            assertEquals(1, mails.size());
            SinkMailbox.Mail mail = mails.getFirst();
            assertEquals(List.of("bob@example.com"), mail.recipients());
            assertEquals("n-1", mail.notificationId());
            assertEquals("n-1", mail.identity());
            assertEquals("You are invited to join Acme", mail.subject());
            assertEquals(Ledger.Kind.INVITATION, Ledger.kindOf(mail));
            assertEquals("line one\r\n.leading dot", mail.text().strip()); // dot-unstuffed
        }
    }

    @Test
    void aRecordCutShortByAKillIsNeverCountedAndARestartedSinkWritesPastIt() throws Exception {
        Path file = dir.resolve("mail.sink");
        try (DiskSmtpSink sink = DiskSmtpSink.start(0, file)) {
            send(sink.port(), "a@example.com", "n-1", "Welcome to Acme", "hello");
        }
        Files.writeString(file, "MSG 500 1 c@example.com\nSubject: cut", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(1, new SinkMailbox(file).all().size());
        try (DiskSmtpSink sink = DiskSmtpSink.start(0, file)) {
            send(sink.port(), "b@example.com", "n-2", "Welcome to Beta", "hello");
        }
        List<SinkMailbox.Mail> mails = new SinkMailbox(file).all();
        assertEquals(List.of("n-1", "n-2"), mails.stream().map(SinkMailbox.Mail::identity).toList());
    }

    private static void send(int port, String to, String notificationId, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("no-reply@documind.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setHeader("X-DocuMind-Notification-Id", notificationId);
        message.setText(text);
        Transport.send(message);
    }
}
