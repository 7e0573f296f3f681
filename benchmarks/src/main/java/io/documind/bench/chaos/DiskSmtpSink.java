package io.documind.bench.chaos;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP server that accepts every message and appends it to a file, forcing it to disk before it answers 250:
 * what the sender was told is delivered survives a SIGKILL of this server, so fault injection can kill it and
 * still count every email. Each record is {@code MSG <bytes> <epoch ms> <rcpt,rcpt>\n<message>\n}; a record cut
 * short by a kill was never acknowledged: {@link SinkMailbox} ignores it and a restart truncates it.
 *
 * <p>Run as its own JVM: {@code DiskSmtpSink <port> <file>}.
 */
public final class DiskSmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final FileChannel file;
    private final Thread acceptor;

    private DiskSmtpSink(ServerSocket server, FileChannel file) {
        this.server = server;
        this.file = file;
        this.acceptor = Thread.ofPlatform().name("smtp-sink").start(this::acceptAll);
    }

    /** Drops a record a kill cut short (never acknowledged), so what is appended next reads as its own record. */
    public static DiskSmtpSink start(int port, Path path) {
        try {
            FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            file.truncate(SinkMailbox.scan(Files.readAllBytes(path), 0, (at, recipients, raw) -> { }));
            return new DiskSmtpSink(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        DiskSmtpSink sink = start(Integer.parseInt(args[0]), Path.of(args[1]));
        System.out.println("smtp sink on 127.0.0.1:" + sink.port() + " writing " + args[1]);
        sink.acceptor.join();
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 documind-sink ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 documind-sink");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        byte[] message = readData(in);
                        if (message == null) {
                            return; // the client went away mid-message: nothing acknowledged, nothing kept
                        }
                        append(recipients, message);
                        reply(out, "250 OK stored");
                        recipients.clear();
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client or this server went away; whatever was not acknowledged was never counted
        }
    }

    /** Write, then force to disk, then (by the caller) 250: the order that makes a kill lose nothing counted. */
    void append(List<String> recipients, byte[] message) throws IOException {
        byte[] header = ("MSG " + message.length + " " + System.currentTimeMillis() + " " + String.join(",", recipients)
                + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(header.length + message.length + 1);
        record.put(header).put(message).put((byte) '\n').flip();
        synchronized (file) {
            while (record.hasRemaining()) {
                file.write(record);
            }
            file.force(true);
        }
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>', open + 1);
        return (open >= 0 && close > open ? rcpt.substring(open + 1, close) : rcpt.substring(rcpt.indexOf(':') + 1))
                .trim().toLowerCase();
    }

    /** The message up to the lone dot, dot-unstuffed, lines ending CRLF; null if the stream ends first. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                return message.toByteArray();
            }
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    /** One line without its CRLF (ISO-8859-1 keeps every byte as it came), or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
