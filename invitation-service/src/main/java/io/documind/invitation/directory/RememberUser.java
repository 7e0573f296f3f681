package io.documind.invitation.directory;

import io.documind.contracts.events.UserCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** UserCreated → the user may be named when a management token accepts an invitation for someone. */
@Singleton
public class RememberUser implements EventHandler<UserCreated> {

    private final Directory directory;

    public RememberUser(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(UserCreated event, EventMetadata metadata) {
        directory.rememberUser(event.userId(), event.email());
    }
}
