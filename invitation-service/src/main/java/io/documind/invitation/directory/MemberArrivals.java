package io.documind.invitation.directory;

import io.documind.kit.lifecycle.Signal;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;

/**
 * Lets a request wait until a member appears in this service's member view (MembershipCreated applied). The
 * consumer's commit on this instance wakes the waiters at once; a waiter also looks again on its own, since the
 * event may be applied by another instance of this service: first after the poll interval, then twice as long
 * each time up to {@link #LONGEST_POLL}, so that many accepts waiting out a Kafka outage do not each read the
 * database 200 times a second.
 */
@Singleton
public class MemberArrivals {

    /** The longest a waiter goes without looking (unless woken by this instance's consumer). */
    static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private final MemberViews members;
    private final TransactionOperations<Connection> transactions;
    private final Signal arrivals = new Signal();

    MemberArrivals(MemberViews members, TransactionOperations<Connection> transactions) {
        this.members = members;
        this.transactions = transactions;
    }

    /** In the consumer's transaction that remembered a member: waiters look again once it commits. */
    void arrived() {
        arrivals.signalAfterCommit(transactions);
    }

    /**
     * Whether {@code userId} is a member of {@code organizationId} in the member view, waiting at most {@code wait}
     * for it to become one.
     */
    public boolean await(String organizationId, String userId, Duration wait, Duration pollInterval)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long interval = pollInterval.toNanos();
        long longest = Math.max(interval, LONGEST_POLL.toNanos());
        while (true) {
            long seen = arrivals.seen(); // before looking: an arrival committed while we look ends the wait at once
            if (members.findByOrganizationIdAndUserId(organizationId, userId).isPresent()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            arrivals.await(seen, Duration.ofNanos(Math.min(interval, left)));
            interval = Math.min(interval * 2, longest);
        }
    }
}
