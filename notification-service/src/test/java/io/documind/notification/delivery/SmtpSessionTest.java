package io.documind.notification.delivery;

import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The session names Jakarta Mail's stream provider, so building a message finds it without a class path scan. */
class SmtpSessionTest {

    @Test
    void theStreamProviderNamedIsAngusMailsAndMessagesStillBuild() throws Exception {
        SmtpConfiguration config = new SmtpConfiguration();
        config.setHost("127.0.0.1");
        config.setPort(2525);
        new SmtpSession(config);
        assertEquals(SmtpSession.ANGUS_STREAM_PROVIDER, System.getProperty(SmtpSession.STREAM_PROVIDER));
        // The name resolves to the provider the service loader would have found (a wrong name fails here).
        assertEquals(SmtpSession.ANGUS_STREAM_PROVIDER, StreamProvider.provider().getClass().getName());
        assertEquals("multipart/alternative", new MimeMultipart("alternative").getContentType().split(";")[0]);
    }
}
