package io.documind.notification.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.smtp}: the SMTP server this service hands its mail to. */
@ConfigurationProperties("documind.smtp")
public class SmtpConfiguration {

    private String host = "127.0.0.1";
    private int port = 3025;
    /** SMTP AUTH user; blank means the server takes mail without authentication. */
    private String username;
    private String password;
    /** Upgrade with STARTTLS, and refuse to send when the server cannot (no silent downgrade to clear text). */
    private boolean starttls;
    /** Implicit TLS from the first byte (SMTPS, usually port 465). */
    private boolean ssl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isStarttls() {
        return starttls;
    }

    public void setStarttls(boolean starttls) {
        this.starttls = starttls;
    }

    public boolean isSsl() {
        return ssl;
    }

    public void setSsl(boolean ssl) {
        this.ssl = ssl;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }
}
