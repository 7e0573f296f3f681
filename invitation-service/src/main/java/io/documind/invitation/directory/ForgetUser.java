package io.documind.invitation.directory;

import io.documind.contracts.events.UserDeleted;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** UserDeleted → nobody may accept on the user's behalf any more. */
@Singleton
public class ForgetUser implements EventHandler<UserDeleted> {

    private final Directory directory;

    public ForgetUser(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(UserDeleted event, EventMetadata metadata) {
        directory.forgetUser(event.userId());
    }
}
