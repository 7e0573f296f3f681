package io.documind.org.jit;

import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.UserEmailVerified;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.org.identity.EmailAddresses;
import io.documind.org.identity.UserService;
import io.documind.org.membership.MembershipService;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * UserEmailVerified → the user joins, with the JIT roles, every organization that had the address's domain when it
 * was proved (MembershipCreated, source JIT). Only a proved address counts: the user must still hold it, verified.
 * Exactly once: the consumer records the event with the memberships, and an existing member is left as it is.
 */
@Singleton
public class VerifiedEmailJoins implements EventHandler<UserEmailVerified> {

    private final JitEmailDomainRepository domains;
    private final JustInTime jit;
    private final UserService users;
    private final MembershipService memberships;

    public VerifiedEmailJoins(JitEmailDomainRepository domains, JustInTime jit, UserService users,
                              MembershipService memberships) {
        this.domains = domains;
        this.jit = jit;
        this.users = users;
        this.memberships = memberships;
    }

    @Override
    public void handle(UserEmailVerified event, EventMetadata metadata) {
        boolean stillProved = users.find(event.userId())
                .filter(u -> u.emailVerified() && EmailAddresses.same(u.email(), event.email())).isPresent();
        Optional<String> domain = JustInTime.domainOf(event.email());
        if (!stillProved || domain.isEmpty()) {
            return;
        }
        Map<UUID, List<UUID>> joins = new LinkedHashMap<>();
        for (JitEmailDomain present : domains.presentAt(domain.get(), metadata.time())) {
            joins.put(present.organizationId(), jit.roleIds(present.organizationId()));
        }
        memberships.joinAll(joins, event.userId(), event.email(), MembershipSource.JIT);
    }
}
