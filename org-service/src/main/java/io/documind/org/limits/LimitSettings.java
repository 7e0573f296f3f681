package io.documind.org.limits;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Abuse limits under {@code documind.limits} (OWASP API4): high enough that a real user never meets them, low enough
 * that a flood costs its sender. Password-reset requests keep their own settings under
 * {@code documind.identity.email-codes}.
 */
@ConfigurationProperties("documind.limits")
public class LimitSettings {

    /** Sign-ups one client address may make per {@link #signUpWindow}, counted before the password is hashed. */
    private int signUpsPerClientAddress = 10;
    private Duration signUpWindow = Duration.ofHours(1);
    /** Organizations one user may create per {@link #organizationWindow} (each sends a welcome email). */
    private int organizationsPerUser = 20;
    /** Organizations all users of one client address may create per {@link #organizationWindow}. */
    private int organizationsPerClientAddress = 50;
    private Duration organizationWindow = Duration.ofDays(1);
    /** Organizations a user created that still exist; beyond it a creation is refused until one is deleted. */
    private int organizationsPerCreator = 100;
    /** Emailed codes (verification resends, password resets) one address may be sent per {@link #codeEmailWindow}. */
    private int codeEmailsPerUser = 10;
    /** Emailed codes one client address may ask for per {@link #codeEmailWindow}, whoever they go to. */
    private int codeEmailsPerClientAddress = 30;
    private Duration codeEmailWindow = Duration.ofHours(1);
    /**
     * Emailed codes one account may try per {@link #codeCheckWindow}, across all its codes. Each code allows only a
     * few wrong tries, but a new code starts afresh: this bounds the guesses at one account however many codes it
     * is sent (20 a day: about one in 50,000 that a 6-digit code is ever guessed in a day).
     */
    private int codeChecksPerAccount = 20;
    /** Emailed codes one client address may try per {@link #codeCheckWindow}, whatever accounts they are for. */
    private int codeChecksPerClientAddress = 200;
    /**
     * Verification and password-reset codes tried per {@link #codeCheckWindow} for all addresses at one domain that
     * some organization lets join just in time. Any address there is worth the same to a guesser (a right code proves
     * the address, which joins the organization), so per-account and per-client budgets alone let many accounts from
     * many client addresses add up: 500 client addresses at 200 tries a day guess one 6-digit code in ten days. The
     * link in the same email proves the address without a code and counts against nothing.
     */
    private int codeChecksPerJitDomain = 100;
    private Duration codeCheckWindow = Duration.ofDays(1);

    /** The longest window counted; counts older than it (and a day) are pruned. */
    Duration longestWindow() {
        return Stream.of(signUpWindow, organizationWindow, codeEmailWindow, codeCheckWindow, Duration.ofDays(1))
                .max(Duration::compareTo).orElseThrow();
    }

    public int getSignUpsPerClientAddress() {
        return signUpsPerClientAddress;
    }

    public void setSignUpsPerClientAddress(int signUpsPerClientAddress) {
        this.signUpsPerClientAddress = signUpsPerClientAddress;
    }

    public Duration getSignUpWindow() {
        return signUpWindow;
    }

    public void setSignUpWindow(Duration signUpWindow) {
        this.signUpWindow = signUpWindow;
    }

    public int getOrganizationsPerUser() {
        return organizationsPerUser;
    }

    public void setOrganizationsPerUser(int organizationsPerUser) {
        this.organizationsPerUser = organizationsPerUser;
    }

    public int getOrganizationsPerClientAddress() {
        return organizationsPerClientAddress;
    }

    public void setOrganizationsPerClientAddress(int organizationsPerClientAddress) {
        this.organizationsPerClientAddress = organizationsPerClientAddress;
    }

    public Duration getOrganizationWindow() {
        return organizationWindow;
    }

    public void setOrganizationWindow(Duration organizationWindow) {
        this.organizationWindow = organizationWindow;
    }

    public int getOrganizationsPerCreator() {
        return organizationsPerCreator;
    }

    public void setOrganizationsPerCreator(int organizationsPerCreator) {
        this.organizationsPerCreator = organizationsPerCreator;
    }

    public int getCodeEmailsPerUser() {
        return codeEmailsPerUser;
    }

    public void setCodeEmailsPerUser(int codeEmailsPerUser) {
        this.codeEmailsPerUser = codeEmailsPerUser;
    }

    public int getCodeEmailsPerClientAddress() {
        return codeEmailsPerClientAddress;
    }

    public void setCodeEmailsPerClientAddress(int codeEmailsPerClientAddress) {
        this.codeEmailsPerClientAddress = codeEmailsPerClientAddress;
    }

    public Duration getCodeEmailWindow() {
        return codeEmailWindow;
    }

    public void setCodeEmailWindow(Duration codeEmailWindow) {
        this.codeEmailWindow = codeEmailWindow;
    }

    public int getCodeChecksPerAccount() {
        return codeChecksPerAccount;
    }

    public void setCodeChecksPerAccount(int codeChecksPerAccount) {
        this.codeChecksPerAccount = codeChecksPerAccount;
    }

    public int getCodeChecksPerJitDomain() {
        return codeChecksPerJitDomain;
    }

    public void setCodeChecksPerJitDomain(int codeChecksPerJitDomain) {
        this.codeChecksPerJitDomain = codeChecksPerJitDomain;
    }

    public int getCodeChecksPerClientAddress() {
        return codeChecksPerClientAddress;
    }

    public void setCodeChecksPerClientAddress(int codeChecksPerClientAddress) {
        this.codeChecksPerClientAddress = codeChecksPerClientAddress;
    }

    public Duration getCodeCheckWindow() {
        return codeCheckWindow;
    }

    public void setCodeCheckWindow(Duration codeCheckWindow) {
        this.codeCheckWindow = codeCheckWindow;
    }
}
