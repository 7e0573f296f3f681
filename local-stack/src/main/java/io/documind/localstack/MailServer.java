package io.documind.localstack;

import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that accepts mail for anyone and keeps it in memory, plus an HTTP API
 * to read it ({@code GET {apiBaseUrl}/api/user/{email}/messages/INBOX}).
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final MailApi api; // null when started without the REST API

    private MailServer(GreenMail greenMail, MailApi api) {
        this.greenMail = greenMail;
        this.api = api;
    }

    /**
     * @param smtpPort 0 for a free port
     * @param apiPort  0 for a free port, -1 for no REST API (in-JVM tests use {@link #messagesFor})
     */
    public static MailServer start(int smtpPort, int apiPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup(FreePorts.orPick(smtpPort), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                // Services may send with or without SMTP AUTH; a catcher should take both.
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        if (apiPort < 0) {
            return new MailServer(greenMail, null);
        }
        try {
            return new MailServer(greenMail, MailApi.start(FreePorts.orPick(apiPort), new MailServerView(greenMail)));
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** e.g. {@code http://127.0.0.1:8025}; null when started without the REST API. */
    public String apiBaseUrl() {
        return api == null ? null : api.baseUrl();
    }

    /** The INBOX of this address, oldest first; empty if nothing was ever sent to it. */
    public List<MimeMessage> messagesFor(String email) {
        return new MailServerView(greenMail).inbox(email).stream().map(StoredMessage::getMimeMessage).toList();
    }

    /** Deletes all received mail (e.g. between tests sharing this server). */
    public void purge() {
        new MailServerView(greenMail).purge();
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        greenMail.stop();
    }

    /** The read side the HTTP API and in-JVM tests share. */
    record MailServerView(GreenMail greenMail) {

        List<StoredMessage> inbox(String email) {
            return folder(email, "INBOX");
        }

        List<StoredMessage> folder(String email, String folderName) {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(email);
            if (user == null) {
                user = greenMail.getUserManager().getUser(email);
            }
            if (user == null) {
                return List.of();
            }
            var folder = greenMail.getManagers().getImapHostManager().getFolder(user, folderName);
            return folder == null ? List.of() : folder.getMessages();
        }

        void purge() {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("cannot purge mailboxes", e);
            }
        }

        boolean isRunning() {
            return greenMail.isRunning();
        }
    }
}
