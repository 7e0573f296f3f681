package io.documind.invitation.directory;

import io.documind.kit.lifecycle.Signal;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Lets a request wait until org-service's news reaches this service's directory: a member (MembershipCreated, for
 * an accept that granted the membership) or an organization (OrganizationCreated, for an invitation to an
 * organization created a moment ago). The consumer's commit on this instance wakes the waiters at once; a waiter
 * also looks again on its own, since the event may be applied by another instance of this service: first after the
 * poll interval, then twice as long each time up to {@link #LONGEST_POLL}, so that many requests waiting out a
 * Kafka outage do not each read the database 200 times a second.
 */
@Singleton
public class Arrivals {

    /** The longest a waiter goes without looking (unless woken by this instance's consumer). */
    static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private final MemberViews members;
    private final OrganizationViews organizations;
    private final TransactionOperations<Connection> transactions;
    private final Signal arrivals = new Signal();

    Arrivals(MemberViews members, OrganizationViews organizations, TransactionOperations<Connection> transactions) {
        this.members = members;
        this.organizations = organizations;
        this.transactions = transactions;
    }

    /**
     * In the consumer's transaction that remembered a member or an organization: waiters look again once it
     * commits.
     */
    void arrived() {
        arrivals.signalAfterCommit(transactions);
    }

    /**
     * Whether {@code userId} is a member of {@code organizationId} in the member view, waiting at most {@code wait}
     * for it to become one.
     */
    public boolean awaitMember(String organizationId, String userId, Duration wait, Duration pollInterval)
            throws InterruptedException {
        return await(() -> members.findByOrganizationIdAndUserId(organizationId, userId).isPresent(), wait,
                pollInterval);
    }

    /**
     * Whether this service has heard of {@code organizationId} (deleted or not), waiting at most {@code wait} for
     * its OrganizationCreated.
     */
    public boolean awaitOrganization(String organizationId, Duration wait, Duration pollInterval)
            throws InterruptedException {
        return await(() -> organizations.findById(organizationId).isPresent(), wait, pollInterval);
    }

    private boolean await(BooleanSupplier present, Duration wait, Duration pollInterval) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long interval = pollInterval.toNanos();
        long longest = Math.max(interval, LONGEST_POLL.toNanos());
        while (true) {
            long seen = arrivals.seen(); // before looking: an arrival committed while we look ends the wait at once
            if (present.getAsBoolean()) {
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
