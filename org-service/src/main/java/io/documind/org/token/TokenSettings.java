package io.documind.org.token;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.token}. */
@ConfigurationProperties("documind.token")
public class TokenSettings {

    private Duration accessTokenLifetime = Duration.ofHours(1);
    private Duration refreshTokenLifetime = Duration.ofDays(14);
    /**
     * How long after its rotation a refresh token is still answered (with a new token of its sign-in) instead of
     * counting as reuse: parallel refreshes of one client. Zero turns the overlap off.
     */
    private Duration refreshReuseWindow = Duration.ofSeconds(30);
    /** How long a new signing key is published before it signs (longer than resources cache the JWKS). */
    private Duration keyPublishAhead = Duration.ofHours(1);
    /**
     * How long a replaced key stays published; KeyRing keeps it at least as long as the longest token it may have
     * signed lives (the access token lifetime, or the longest accessTokenTtl of the API resources at the rotation).
     */
    private Duration keyRetireAfter = Duration.ofHours(2);
    /**
     * The sign-in throttle's limits (see LoginThrottle): failures an (account, address) pair may make before it waits,
     * failures per account across addresses, and per client address across accounts. Behind a proxy every caller
     * shares its address: raise the last for the proxy's whole traffic.
     */
    private int loginFreeFailures = LoginThrottle.Limits.DEFAULT.freeFailures();
    private int loginAccountFailures = LoginThrottle.Limits.DEFAULT.accountFailures();
    private int loginAddressFailures = LoginThrottle.Limits.DEFAULT.addressFailures();
    /** Turn the password grant off once a real sign-in front end exists. */
    private boolean passwordGrantEnabled = true;
    /** Sign with the native provider when it loads here (see {@link SignatureProvider}); false keeps the JDK's. */
    private boolean nativeSigning = true;
    /** Client id of the first-party app that uses the password grant. */
    private String firstPartyClientId = "documind-app";
    /** Private signing keys as a JWK set (JSON); when absent, keys are generated and kept in the database. */
    private String signingKeys;

    public Duration getAccessTokenLifetime() {
        return accessTokenLifetime;
    }

    public void setAccessTokenLifetime(Duration accessTokenLifetime) {
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public Duration getRefreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    public void setRefreshTokenLifetime(Duration refreshTokenLifetime) {
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    public Duration getRefreshReuseWindow() {
        return refreshReuseWindow;
    }

    public void setRefreshReuseWindow(Duration refreshReuseWindow) {
        this.refreshReuseWindow = refreshReuseWindow;
    }

    public Duration getKeyPublishAhead() {
        return keyPublishAhead;
    }

    public void setKeyPublishAhead(Duration keyPublishAhead) {
        this.keyPublishAhead = keyPublishAhead;
    }

    public Duration getKeyRetireAfter() {
        return keyRetireAfter;
    }

    public void setKeyRetireAfter(Duration keyRetireAfter) {
        this.keyRetireAfter = keyRetireAfter;
    }

    public boolean isPasswordGrantEnabled() {
        return passwordGrantEnabled;
    }

    public void setPasswordGrantEnabled(boolean passwordGrantEnabled) {
        this.passwordGrantEnabled = passwordGrantEnabled;
    }

    public boolean isNativeSigning() {
        return nativeSigning;
    }

    public void setNativeSigning(boolean nativeSigning) {
        this.nativeSigning = nativeSigning;
    }

    public String getFirstPartyClientId() {
        return firstPartyClientId;
    }

    public void setFirstPartyClientId(String firstPartyClientId) {
        this.firstPartyClientId = firstPartyClientId;
    }

    public String getSigningKeys() {
        return signingKeys;
    }

    public void setSigningKeys(String signingKeys) {
        this.signingKeys = signingKeys;
    }

    public int getLoginFreeFailures() {
        return loginFreeFailures;
    }

    public void setLoginFreeFailures(int loginFreeFailures) {
        this.loginFreeFailures = loginFreeFailures;
    }

    public int getLoginAccountFailures() {
        return loginAccountFailures;
    }

    public void setLoginAccountFailures(int loginAccountFailures) {
        this.loginAccountFailures = loginAccountFailures;
    }

    public int getLoginAddressFailures() {
        return loginAddressFailures;
    }

    public void setLoginAddressFailures(int loginAddressFailures) {
        this.loginAddressFailures = loginAddressFailures;
    }

    /** The throttle's limits as configured. */
    public LoginThrottle.Limits loginLimits() {
        return new LoginThrottle.Limits(loginFreeFailures, loginAccountFailures, loginAddressFailures);
    }
}
