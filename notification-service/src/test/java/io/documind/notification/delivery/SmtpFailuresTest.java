package io.documind.notification.delivery;

import io.micronaut.email.EmailException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpFailuresTest {

    @Test
    void aRecipientTheServerRefusedIsPermanent() throws AddressException {
        Address[] refused = {new InternetAddress("gone@example.com")};
        SendFailedException rejected = new SendFailedException("550 5.1.1 user unknown", null, new Address[0], new Address[0], refused);
        SendFailure failure = SmtpFailures.classify(new EmailException(rejected));
        assertTrue(failure.isPermanent());
        assertTrue(failure.getMessage().contains("gone@example.com"), failure.getMessage());
    }

    @Test
    void aMalformedAddressIsPermanent() {
        assertTrue(SmtpFailures.classify(new EmailException(new AddressException("Illegal address"))).isPermanent());
    }

    @Test
    void anUnreachableOrBusyServerIsTransient() throws AddressException {
        SendFailure down = SmtpFailures.classify(new EmailException(
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))));
        assertEquals(SendFailure.Kind.SERVER_UNAVAILABLE, down.kind());
        assertTrue(down.getMessage().contains("Connection refused"), down.getMessage());
        Address[] later = {new InternetAddress("busy@example.com")};
        // 4xx to RCPT: the transport lists the address as valid but unsent; the server itself takes mail.
        assertEquals(SendFailure.Kind.RECIPIENT_DEFERRED, SmtpFailures.classify(
                new SendFailedException("451 try later", null, new Address[0], later, new Address[0])).kind());
    }
}
