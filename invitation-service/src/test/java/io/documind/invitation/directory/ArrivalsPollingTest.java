package io.documind.invitation.directory;

import io.documind.invitation.lifecycle.InvitationRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A waiter that nothing wakes looks less and less often: a Kafka outage must not turn accepts into a read storm. */
class ArrivalsPollingTest {

    private static final InvitationRole MEMBER = new InvitationRole("member-id", "Member");

    /** The member view, counting the waiter's looks; the member appears at the {@code appearsAt}-th look. */
    private static final class CountedMembers implements MemberViews {
        final AtomicInteger looks = new AtomicInteger();
        final int appearsAt;

        CountedMembers(int appearsAt) {
            this.appearsAt = appearsAt;
        }

        @Override
        public boolean holds(String organizationId, String userId, String[] roleIds, String[] roleNames) {
            return looks.incrementAndGet() >= appearsAt;
        }

        @Override
        public Optional<KnownMember> findByOrganizationIdAndUserId(String organizationId, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean existsByEmail(String organizationId, String email) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remember(String organizationId, String userId, String email, String[] roles) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeRoles(String organizationId, String userId, String[] roles) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void renameRoles(String[] oldNames, String[] newNames) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeEmail(String userId, String email) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forget(String organizationId, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forgetAllOf(String organizationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeApplied(String organizationId, String userId, long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long newestChange(String organizationId, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forgetChangesOf(String organizationId) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void lookingBacksOffToTheLongestPoll() throws Exception {
        CountedMembers never = new CountedMembers(Integer.MAX_VALUE);
        // Looking every 5 ms for a second would be 200 looks; doubling up to 100 ms makes it about 14.
        assertFalse(new Arrivals(never, null, null, new SimpleMeterRegistry())
                .awaitMember("org", "user", List.of(MEMBER), Duration.ofSeconds(1), Duration.ofMillis(5)));
        assertTrue(never.looks.get() <= 20, never.looks.get() + " looks in a second");
    }

    @Test
    void aMemberThatAppearsIsFoundByLookingAgain() throws Exception {
        CountedMembers third = new CountedMembers(3);
        assertTrue(new Arrivals(third, null, null, new SimpleMeterRegistry())
                .awaitMember("org", "user", List.of(MEMBER), Duration.ofMinutes(1), Duration.ofMillis(1)));
    }
}
