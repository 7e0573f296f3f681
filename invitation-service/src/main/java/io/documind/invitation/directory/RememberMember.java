package io.documind.invitation.directory;

import io.documind.contracts.events.MembershipCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * MembershipCreated → inviting this person again is refused; the email also names them as an inviter; an accept
 * waiting for this membership (with its roles) answers.
 */
@Singleton
public class RememberMember implements EventHandler<MembershipCreated> {

    private final Directory directory;
    private final Arrivals arrivals;

    public RememberMember(Directory directory, Arrivals arrivals) {
        this.directory = directory;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(MembershipCreated event, EventMetadata metadata) {
        directory.rememberMember(event.organizationId(), event.userId(), event.email(),
                event.roles() == null ? List.of() : event.roles());
        arrivals.memberArrived(event.organizationId(), event.userId());
    }
}
