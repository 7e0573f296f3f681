package io.documind.invitation.directory;

import io.documind.contracts.events.UserUpdated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** UserUpdated → the user's email as it now is (also when its UserCreated has not arrived yet). */
@Singleton
public class UpdateUser implements EventHandler<UserUpdated> {

    private final Directory directory;

    public UpdateUser(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(UserUpdated event, EventMetadata metadata) {
        directory.rememberUser(event.userId(), event.email());
    }
}
