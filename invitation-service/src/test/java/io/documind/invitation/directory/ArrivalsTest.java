package io.documind.invitation.directory;

import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.invitation.InvitationServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request waiting for a member (an accept waiting for its membership) or an organization (an invitation to a new
 * one): woken by this instance's consumer, found by looking when another instance applied the event, refused when
 * it does not come in time.
 */
@MicronautTest(transactional = false)
class ArrivalsTest extends InvitationServiceTest {

    @Inject
    Arrivals arrivals;
    @Inject
    MeterRegistry metrics;

    @Test
    void aMembershipThisInstanceAppliesEndsTheWaitAtOnce() throws Exception {
        String organization = UUID.randomUUID().toString();
        String user = "user-" + UUID.randomUUID();
        // Looking only once an hour: only the consumer's commit can end this wait within the test's patience.
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(organization, user,
                Duration.ofMinutes(10), Duration.ofHours(1)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.isAwaited(organization));
        assertEquals(1.0, waitingRequests(), "the gauge counts the waiting request");
        orgEvents.publish(new MembershipCreated(organization, user, "ann@example.com", List.of("Member"),
                MembershipSource.INVITATION));
        assertTrue(waiting.get(60, TimeUnit.SECONDS));
        assertFalse(arrivals.isAwaited(organization));
        assertEquals(0.0, waitingRequests());
    }

    @Test
    void aMemberAnotherInstanceRememberedIsFoundByLooking() throws Exception {
        String organization = UUID.randomUUID().toString();
        String user = "user-" + UUID.randomUUID();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(organization, user,
                Duration.ofMinutes(10), Duration.ofMillis(5)));
        // Written as another instance's consumer writes it: no signal reaches this one.
        db.update("INSERT INTO member_view (organization_id, user_id, email) VALUES (?, ?, ?)", organization, user,
                "bob@example.com");
        assertTrue(waiting.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aMemberWhoDoesNotComeInTimeIsNotThere() throws Exception {
        assertFalse(arrivals.awaitMember(UUID.randomUUID().toString(), "nobody", List.of(), Duration.ofMillis(200),
                Duration.ofMillis(5)));
        assertFalse(arrivals.awaitMember(UUID.randomUUID().toString(), "nobody", List.of(), Duration.ZERO,
                Duration.ofMillis(5)));
    }

    @Test
    void anOrganizationThisInstanceLearnsOfEndsTheWaitAtOnce() throws Exception {
        String organization = UUID.randomUUID().toString();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return arrivals.awaitOrganization(organization, Duration.ofMinutes(10), Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        orgEvents.publish(new OrganizationCreated(organization, "Newco", null, null, null, false, null));
        assertTrue(waiting.get(60, TimeUnit.SECONDS));
        assertFalse(arrivals.awaitOrganization(UUID.randomUUID().toString(), Duration.ofMillis(200),
                Duration.ofMillis(5)), "never announced");
    }

    private double waitingRequests() {
        return metrics.get("documind.invitation.waiting.requests").gauge().value();
    }

    private boolean await(String organization, String user, Duration wait, Duration pollInterval) {
        try {
            return arrivals.awaitMember(organization, user, List.of(), wait, pollInterval);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
