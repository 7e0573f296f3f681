package io.documind.bench.chaos;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Reads what {@link DiskSmtpSink} stored, incrementally; a record cut short at the end is left for later. */
public final class SinkMailbox {

    /** One stored email: when the sink acknowledged it, to whom, and what identifies copies of it. */
    public record Mail(long storedAtMillis, List<String> recipients, String messageId, String notificationId,
                       String subject, String text) {

        /** Copies of one email share this: the notification id when the sender set one, else the Message-ID. */
        public String identity() {
            return notificationId != null ? notificationId : messageId;
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final Path file;
    private final List<Mail> mails = new ArrayList<>();
    private long offset;

    public SinkMailbox(Path file) {
        this.file = file;
    }

    /** Everything stored so far, oldest first (reads what was added since the last call). */
    public synchronized List<Mail> all() {
        if (!Files.exists(file)) {
            return List.copyOf(mails);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        offset = scan(bytes, (int) offset, (storedAt, recipients, raw) -> mails.add(parse(storedAt, recipients, raw)));
        return List.copyOf(mails);
    }

    interface RecordHandler {
        void record(long storedAt, List<String> recipients, byte[] raw);
    }

    /** Hands over each complete record from {@code from} on; returns where the complete records end. */
    static int scan(byte[] bytes, int from, RecordHandler handler) {
        int at = from;
        while (true) {
            int newline = indexOf(bytes, (byte) '\n', at);
            if (newline < 0) {
                return at;
            }
            String[] header = new String(bytes, at, newline - at, StandardCharsets.UTF_8).split(" ", 4);
            int length = Integer.parseInt(header[1]);
            long end = (long) newline + 1 + length + 1;
            if (end > bytes.length) {
                return at; // not complete yet, or cut by a kill before the 250
            }
            byte[] raw = Arrays.copyOfRange(bytes, newline + 1, newline + 1 + length);
            List<String> recipients = header.length > 3 && !header[3].isEmpty() ? List.of(header[3].split(",")) : List.of();
            handler.record(Long.parseLong(header[2]), recipients, raw);
            at = (int) end;
        }
    }

    static Mail parse(long storedAt, List<String> recipients, byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            String[] notification = message.getHeader("X-DocuMind-Notification-Id");
            return new Mail(storedAt, recipients, message.getMessageID(),
                    notification == null ? null : notification[0], message.getSubject(), text(message.getContent()));
        } catch (MessagingException | IOException e) {
            return new Mail(storedAt, recipients, null, null, "(unreadable: " + e.getMessage() + ")", "");
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                all.append(text(part.getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
