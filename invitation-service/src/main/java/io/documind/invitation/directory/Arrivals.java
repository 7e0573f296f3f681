package io.documind.invitation.directory;

import io.documind.invitation.lifecycle.InvitationRole;
import io.documind.kit.lifecycle.Signal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Lets a request wait until org-service's news reaches this service's directory: a member with some roles
 * (MembershipCreated or MemberRolesChanged, for an accept that granted the membership or added roles) or an
 * organization (OrganizationCreated, for an invitation to an organization created a moment ago).
 *
 * <p>The consumer's commit on this instance wakes the requests waiting for that very member or organization, and
 * only those (every organization's creation brings a MembershipCreated; waking every waiter on each would make a
 * backlog replayed after a Kafka outage cost waiters times events reads). A waiter also looks again on its own,
 * since the event may be applied by another instance of this service: first after the poll interval, then twice as
 * long each time up to {@link #LONGEST_POLL}, so that many requests waiting out an outage stay cheap.
 *
 * <p>{@code documind_invitation_waiting_requests} says how many requests wait now: a few at any time is normal,
 * a crowd means org-service's events are not getting through (Kafka away, a consumer behind).
 */
@Singleton
public class Arrivals {

    /** The longest a waiter goes without looking (unless woken by this instance's consumer). */
    static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private final MemberViews members;
    private final OrganizationViews organizations;
    private final TransactionOperations<Connection> transactions;
    /** What requests wait for now, by key, with how many wait and the signal that wakes them. */
    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    Arrivals(MemberViews members, OrganizationViews organizations, TransactionOperations<Connection> transactions,
             MeterRegistry metrics) {
        this.members = members;
        this.organizations = organizations;
        this.transactions = transactions;
        metrics.gauge("documind.invitation.waiting.requests", requests);
    }

    /** In the consumer's transaction that remembered the member: its waiters look again once it commits. */
    void memberArrived(String organizationId, String userId) {
        arrived(memberKey(organizationId, userId));
    }

    /**
     * In the consumer's transaction that recorded that org-service refused to make this member (an acceptance's
     * grant): its waiters look again once it commits, and find the refusal.
     */
    public void memberRefused(String organizationId, String userId) {
        arrived(memberKey(organizationId, userId));
    }

    /** In the consumer's transaction that remembered the organization: its waiters look again once it commits. */
    void organizationArrived(String organizationId) {
        arrived(organizationKey(organizationId));
    }

    /**
     * Whether {@code userId} is a member of {@code organizationId} holding {@code roles} (those the template still
     * has, under their current names; none for membership alone) in the member view, waiting at most {@code wait}
     * for it to become one ({@link MemberViews#holds}).
     */
    public boolean awaitMember(String organizationId, String userId, List<InvitationRole> roles, Duration wait,
                               Duration pollInterval) throws InterruptedException {
        return awaitMember(organizationId, userId, roles, () -> false, wait, pollInterval);
    }

    /**
     * As above, also ending (true) once {@code refused} holds, asked after the member and only while it is not there:
     * a {@link #memberRefused} wakes the waiters to ask.
     */
    public boolean awaitMember(String organizationId, String userId, List<InvitationRole> roles,
                               BooleanSupplier refused, Duration wait, Duration pollInterval)
            throws InterruptedException {
        String[] ids = roles.stream().map(InvitationRole::id).toArray(String[]::new);
        String[] names = roles.stream().map(InvitationRole::name).toArray(String[]::new);
        return await(memberKey(organizationId, userId),
                () -> members.holds(organizationId, userId, ids, names) || refused.getAsBoolean(), wait, pollInterval);
    }

    /**
     * Whether this service has heard of {@code organizationId} (deleted or not), waiting at most {@code wait} for
     * its OrganizationCreated.
     */
    public boolean awaitOrganization(String organizationId, Duration wait, Duration pollInterval)
            throws InterruptedException {
        return await(organizationKey(organizationId), () -> organizations.findById(organizationId).isPresent(), wait,
                pollInterval);
    }

    /** Whether a request waits for news of this organization or of a member of it now (diagnostics and tests). */
    public boolean isAwaited(String organizationId) {
        String members = memberKey(organizationId, "");
        return waiting.keySet().stream().anyMatch(key -> key.equals(organizationKey(organizationId))
                || key.startsWith(members));
    }

    private void arrived(String key) {
        // Looked up at the commit, not now: a request may start waiting in between.
        Signal.afterCommit(transactions, () -> {
            Waiting w = waiting.get(key);
            if (w != null) {
                w.signal.signal();
            }
        });
    }

    private boolean await(String key, BooleanSupplier present, Duration wait, Duration pollInterval)
            throws InterruptedException {
        Signal arrival = join(key);
        try {
            return arrival.awaitUntil(present, wait, pollInterval, LONGEST_POLL);
        } finally {
            leave(key);
        }
    }

    private Signal join(String key) {
        requests.incrementAndGet();
        return waiting.compute(key, (k, w) -> {
            Waiting joined = w == null ? new Waiting() : w;
            joined.requests++;
            return joined;
        }).signal;
    }

    private void leave(String key) {
        waiting.computeIfPresent(key, (k, w) -> --w.requests == 0 ? null : w);
        requests.decrementAndGet();
    }

    private static String memberKey(String organizationId, String userId) {
        return "member " + organizationId + " " + userId;
    }

    private static String organizationKey(String organizationId) {
        return "organization " + organizationId;
    }

    /** The requests waiting for one key; changed only inside the map's compute, under its lock. */
    private static final class Waiting {
        final Signal signal = new Signal();
        int requests;
    }
}
