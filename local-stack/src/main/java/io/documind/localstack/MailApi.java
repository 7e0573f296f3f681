package io.documind.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The subset of GreenMail standalone's REST API that DocuMind uses, with the same paths and JSON shape
 * (uid, Message-ID, subject, contentType, mimeMessage), served by the JDK's own HTTP server:
 * <ul>
 *   <li>GET /api/user/{email}/messages[/{folder}] (folder defaults to INBOX; an unknown user has an empty list)</li>
 *   <li>POST /api/mail/purge</li>
 *   <li>GET /api/service/readiness</li>
 * </ul>
 */
final class MailApi implements AutoCloseable {

    private static final Pattern MESSAGES = Pattern.compile("/api/user/([^/]+)/messages(?:/([^/]+))?/?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final MailServer.MailServerView mail;

    private MailApi(HttpServer server, ExecutorService executor, MailServer.MailServerView mail) {
        this.server = server;
        this.executor = executor;
        this.mail = mail;
    }

    static MailApi start(int port, MailServer.MailServerView mail) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(FreePorts.LOOPBACK, port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            MailApi api = new MailApi(server, executor, mail);
            server.createContext("/api/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("mail REST API cannot listen on 127.0.0.1:" + port, e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException | MessagingException e) {
                respond(exchange, 500, message(String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, MessagingException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher messages = MESSAGES.matcher(path);
        if ("GET".equals(method) && messages.matches()) {
            String folder = messages.group(2) == null ? "INBOX" : decode(messages.group(2));
            respond(exchange, 200, toJson(mail.folder(decode(messages.group(1)), folder)));
        } else if ("POST".equals(method) && path.equals("/api/mail/purge")) {
            mail.purge();
            respond(exchange, 200, message("Purged mails"));
        } else if ("GET".equals(method) && path.equals("/api/service/readiness")) {
            boolean running = mail.isRunning();
            respond(exchange, running ? 200 : 503, message(running ? "Service running" : "Service not running"));
        } else {
            respond(exchange, 404, message("No such endpoint: " + method + " " + path));
        }
    }

    private static String decode(String pathSegment) {
        return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String toJson(List<StoredMessage> messages) throws MessagingException {
        StringBuilder json = new StringBuilder("[");
        for (StoredMessage stored : messages) {
            MimeMessage mime = stored.getMimeMessage();
            json.append(json.length() > 1 ? "," : "").append('{')
                    .append(field("uid", Long.toString(stored.getUid()))).append(',')
                    .append(field("Message-ID", mime.getMessageID())).append(',')
                    .append(field("subject", mime.getSubject())).append(',')
                    .append(field("contentType", mime.getContentType())).append(',')
                    .append(field("mimeMessage", GreenMailUtil.toString(mime)))
                    .append('}');
        }
        return json.append(']').toString();
    }

    private static String message(String text) {
        return "{" + field("message", text) + "}";
    }

    private static String field(String name, String value) {
        return quote(name) + ":" + (value == null ? "null" : quote(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
