package io.documind.kit.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OutboxCommitsTest {

    @Test
    void aWaiterWakesWhenACommitIsHeardAfterItLooked() throws Exception {
        OutboxCommits commits = new OutboxCommits();
        long seen = commits.heard();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                commits.awaitNext(seen, Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(waiting.isDone());
        commits.commitHeard();
        waiting.get(30, TimeUnit.SECONDS); // an hour's wait ended by the commit
        assertEquals(seen + 1, commits.heard());
    }

    @Test
    void aCommitHeardWhileLookingEndsTheNextWaitAtOnce() throws Exception {
        OutboxCommits commits = new OutboxCommits();
        long seen = commits.heard();
        commits.commitHeard(); // between taking the count and waiting
        CompletableFuture.runAsync(() -> {
            try {
                commits.awaitNext(seen, Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
    }
}
