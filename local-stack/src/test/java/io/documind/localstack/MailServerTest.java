package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MailServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MailServer mail;

    @BeforeAll
    static void start() {
        mail = MailServer.start(0, 0);
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    @Test
    void receivesMailSentOverSmtpAndServesItOverRest() throws Exception {
        send("alice@example.com", "Welcome \"Alice\"", "Hello Alice");

        assertTrue(Poll.until(Duration.ofSeconds(10), () -> mail.messagesFor("alice@example.com").size() == 1));
        MimeMessage received = mail.messagesFor("alice@example.com").getFirst();
        assertEquals("Welcome \"Alice\"", received.getSubject());
        assertEquals("Hello Alice", GreenMailUtil.getBody(received).trim());

        HttpResponse<String> response = get("/api/user/alice@example.com/messages/INBOX");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("[{\"uid\":"), response.body());
        assertTrue(response.body().contains("\"subject\":\"Welcome \\\"Alice\\\"\""), response.body());
        assertTrue(response.body().contains("\"Message-ID\":\"<"), response.body());
        assertTrue(response.body().contains("Hello Alice"), response.body());
    }

    @Test
    void unknownMailboxIsEmptyNotAnError() throws Exception {
        assertEquals(List.of(), mail.messagesFor("nobody@example.com"));
        HttpResponse<String> response = get("/api/user/nobody@example.com/messages/INBOX");
        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @Test
    void readinessAndUnknownPaths() throws Exception {
        assertEquals(200, get("/api/service/readiness").statusCode());
        assertEquals(404, get("/api/nothing").statusCode());
    }

    private static void send(String to, String subject, String body) {
        GreenMailUtil.sendTextEmail(to, "noreply@documind.local", subject, body,
                new ServerSetup(mail.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(mail.apiBaseUrl() + path)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
