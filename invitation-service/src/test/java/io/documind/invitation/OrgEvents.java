package io.documind.invitation;

import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.UserCreated;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;

import java.util.List;
import java.util.UUID;

/** Publishes org-service's events to its topic the way org-service does (kit envelope, organization as key). */
public final class OrgEvents implements AutoCloseable {

    /** An organization made for a test, with its first member (the Admin who created it). */
    public record Org(String id, String name, String adminId, String adminEmail) {
    }

    private final EventFeed feed;

    public OrgEvents(EnvelopeCodec codec) {
        this.feed = new EventFeed(codec);
    }

    /** Publishes the event and returns the record value, so a test can deliver the very same envelope again. */
    public byte[] publish(DomainEvent event) {
        byte[] value = feed.envelope(event);
        publishRaw(EventFeed.keyOf(event), value);
        return value;
    }

    public void publishRaw(String key, byte[] value) {
        feed.publishRaw(Topics.ORG_EVENTS, key, value);
    }

    /** OrganizationCreated and then the creator's MembershipCreated, as org-service sends them. */
    public Org newOrganization(String name) {
        String id = UUID.randomUUID().toString();
        String adminId = "user-" + UUID.randomUUID();
        String adminEmail = "admin-" + id.substring(0, 8) + "@example.com";
        publish(new OrganizationCreated(id, name, null, new Actor(adminId, adminEmail), null, false, null));
        publish(new MembershipCreated(id, adminId, adminEmail, List.of("Admin"), MembershipSource.CREATOR));
        return new Org(id, name, adminId, adminEmail);
    }

    /** UserCreated for a new user with this email, as org-service announces a sign-up; returns the user id. */
    public String newUser(String email) {
        String userId = "user-" + UUID.randomUUID();
        publish(new UserCreated(userId, email, "User " + email, true));
        return userId;
    }

    @Override
    public void close() {
        feed.close();
    }
}
