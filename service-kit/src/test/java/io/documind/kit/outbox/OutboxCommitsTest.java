package io.documind.kit.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxCommitsTest {

    @Test
    void aWaiterWakesWhenACommitIsHeardAfterItLooked() throws Exception {
        OutboxCommits commits = new OutboxCommits();
        AtomicBoolean admitted = new AtomicBoolean();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> awaitUntil(commits, admitted));
        assertFalse(waiting.isDone());
        admitted.set(true);
        commits.commitHeard();
        assertTrue(waiting.get(30, TimeUnit.SECONDS)); // an hour's wait ended by the commit
    }

    @Test
    void aCommitHeardWhileLookingEndsTheNextWaitAtOnce() throws Exception {
        OutboxCommits commits = new OutboxCommits();
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return commits.awaitUntil(() -> {
                    if (looks.incrementAndGet() == 1) {
                        commits.commitHeard(); // between taking the count and waiting
                        return false;
                    }
                    return true;
                }, Duration.ofHours(1), Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(waiting.get(30, TimeUnit.SECONDS));
    }

    private static boolean awaitUntil(OutboxCommits commits, AtomicBoolean admitted) {
        try {
            return commits.awaitUntil(admitted::get, Duration.ofHours(1), Duration.ofHours(1));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
