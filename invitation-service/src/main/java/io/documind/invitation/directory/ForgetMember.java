package io.documind.invitation.directory;

import io.documind.contracts.events.MembershipRemoved;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** MembershipRemoved → the person may be invited again. */
@Singleton
public class ForgetMember implements EventHandler<MembershipRemoved> {

    private final Directory directory;

    public ForgetMember(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(MembershipRemoved event, EventMetadata metadata) {
        directory.forgetMember(event.organizationId(), event.userId());
    }
}
