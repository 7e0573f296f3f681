package io.documind.document.limits;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code documind.document.limits} (OWASP API4): defaults no real organization meets. */
@ConfigurationProperties("documind.document.limits")
public class DocumentLimitSettings {

    /** Documents an organization may create in a (sliding) {@link #creationWindow}; beyond: 429 + Retry-After. */
    private int creationsPerOrganization = 600;
    /** Updates an organization may make in a (sliding) {@link #creationWindow}; beyond: 429 + Retry-After. */
    private int updatesPerOrganization = 1_200;
    /**
     * Characters of title and content an organization may write (creations and updates; a title-only update counts
     * the stored content too) in a (sliding) {@link #creationWindow}; beyond: 429 + Retry-After. The rates above
     * count writes, not their size, and a document's cost to the database (stemming, the search index) follows its
     * size. At least the largest write, one document of the largest size.
     */
    private int charactersPerOrganization = 4 * 1024 * 1024;
    /** The window every rate is counted in (one length: the counts share each shard's window). */
    private Duration creationWindow = Duration.ofMinutes(1);
    /** Documents an organization may store; beyond: 422 until some are deleted. */
    private long storedPerOrganization = 100_000;
    /** Longest a list or search may keep the database at work; beyond: 503 (see TenantTransactions#read). */
    private Duration listTimeout = Duration.ofSeconds(3);
    /** Lists and searches an organization may have running at once in one instance; one more: 429 (ListSlots). */
    private int concurrentListsPerOrganization = 4;

    /**
     * Documents a deleted organization's purge deletes per transaction (the consumer's first, then PurgeSweep's): a
     * bound on how long one organization's purge holds a transaction, and the consumer.
     */
    private int purgeBatch = 1_000;

    public int getPurgeBatch() {
        return purgeBatch;
    }

    public void setPurgeBatch(int purgeBatch) {
        this.purgeBatch = purgeBatch;
    }

    public Duration getListTimeout() {
        return listTimeout;
    }

    public void setListTimeout(Duration listTimeout) {
        this.listTimeout = listTimeout;
    }

    public int getConcurrentListsPerOrganization() {
        return concurrentListsPerOrganization;
    }

    public void setConcurrentListsPerOrganization(int concurrentListsPerOrganization) {
        this.concurrentListsPerOrganization = concurrentListsPerOrganization;
    }

    public int getCharactersPerOrganization() {
        return charactersPerOrganization;
    }

    public void setCharactersPerOrganization(int charactersPerOrganization) {
        this.charactersPerOrganization = charactersPerOrganization;
    }

    public int getCreationsPerOrganization() {
        return creationsPerOrganization;
    }

    public void setCreationsPerOrganization(int creationsPerOrganization) {
        this.creationsPerOrganization = creationsPerOrganization;
    }

    public int getUpdatesPerOrganization() {
        return updatesPerOrganization;
    }

    public void setUpdatesPerOrganization(int updatesPerOrganization) {
        this.updatesPerOrganization = updatesPerOrganization;
    }

    public Duration getCreationWindow() {
        return creationWindow;
    }

    public void setCreationWindow(Duration creationWindow) {
        this.creationWindow = creationWindow;
    }

    public long getStoredPerOrganization() {
        return storedPerOrganization;
    }

    public void setStoredPerOrganization(long storedPerOrganization) {
        this.storedPerOrganization = storedPerOrganization;
    }
}
