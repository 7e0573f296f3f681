package io.documind.kit.authority;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.authority}; the defaults suit every service. */
@ConfigurationProperties("documind.authority")
public class AuthoritySettings {

    /** Refuse tokens below a floor. Off only for the benchmark that measures what the check costs. */
    private boolean checkEnabled = true;
    /**
     * The longest access token lifetime org-service issues ({@code DOCUMIND_TOKEN_ACCESS_TOKEN_LIFETIME}): a floor
     * is forgotten this long (plus the clock skew) after it was learned, when every token it refuses has expired.
     */
    private Duration tokenLifetime = Duration.ofHours(1);
    /** Fallback reload of the floors from the database, should a notification be lost; also when old ones go. */
    private Duration reloadInterval = Duration.ofSeconds(30);

    public boolean isCheckEnabled() {
        return checkEnabled;
    }

    public void setCheckEnabled(boolean checkEnabled) {
        this.checkEnabled = checkEnabled;
    }

    public Duration getTokenLifetime() {
        return tokenLifetime;
    }

    public void setTokenLifetime(Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

    public Duration getReloadInterval() {
        return reloadInterval;
    }

    public void setReloadInterval(Duration reloadInterval) {
        this.reloadInterval = reloadInterval;
    }
}
