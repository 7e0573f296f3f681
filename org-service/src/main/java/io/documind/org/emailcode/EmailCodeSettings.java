package io.documind.org.emailcode;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.identity.email-codes}: the emailed one-time codes of verification and reset. */
@ConfigurationProperties("documind.identity.email-codes")
public class EmailCodeSettings {

    /** How long a code (and a verification link) stays good. */
    private Duration lifetime = Duration.ofMinutes(10);
    /** Wrong codes a code survives; then only a new code helps (6 digits: 5 tries leave 1 in 200,000). */
    private int maxAttempts = 5;
    /** How soon a user may ask for another code of the same purpose. */
    private Duration resendCooldown = Duration.ofSeconds(60);
    /** The verification link; {@code {token}} is replaced by its one-time secret. */
    private String verificationLinkTemplate = "http://localhost:8081/email-verification?token={token}";
    /** Password-reset requests one client address may make per {@link #resetAddressWindow} (over all emails). */
    private int resetRequestsPerClientAddress = 10;
    private Duration resetAddressWindow = Duration.ofMinutes(15);

    public Duration getLifetime() {
        return lifetime;
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getResendCooldown() {
        return resendCooldown;
    }

    public void setResendCooldown(Duration resendCooldown) {
        this.resendCooldown = resendCooldown;
    }

    public String getVerificationLinkTemplate() {
        return verificationLinkTemplate;
    }

    public void setVerificationLinkTemplate(String verificationLinkTemplate) {
        this.verificationLinkTemplate = verificationLinkTemplate;
    }

    public int getResetRequestsPerClientAddress() {
        return resetRequestsPerClientAddress;
    }

    public void setResetRequestsPerClientAddress(int resetRequestsPerClientAddress) {
        this.resetRequestsPerClientAddress = resetRequestsPerClientAddress;
    }

    public Duration getResetAddressWindow() {
        return resetAddressWindow;
    }

    public void setResetAddressWindow(Duration resetAddressWindow) {
        this.resetAddressWindow = resetAddressWindow;
    }
}
