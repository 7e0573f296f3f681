package io.documind.invitation.directory;

import io.documind.contracts.events.MembershipCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** MembershipCreated → inviting this person again is refused; the email also names them as an inviter. */
@Singleton
public class RememberMember implements EventHandler<MembershipCreated> {

    private final Directory directory;

    public RememberMember(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(MembershipCreated event, EventMetadata metadata) {
        directory.rememberMember(event.organizationId(), event.userId(), event.email());
    }
}
