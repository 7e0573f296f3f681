package io.documind.kit.authority;

import io.documind.contracts.events.DomainEvent;
import io.documind.kit.lifecycle.Signal;
import io.documind.kit.outbox.AppendedEventEffect;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * Raises the floor of an authority event in the transaction that appends it: org-service, which produces them, then
 * refuses an outdated token from the change's commit on, not once its own consumer has read the event back from
 * Kafka (before, a demoted Admin's token kept working on org-service's own API for as long as Kafka was away). This
 * instance learns the floor at the commit, so the request after the change is refused here; the other instances
 * learn it through the table's notification. The event consumed later raises nothing: floors only grow.
 */
@Singleton
class AppendedFloors implements AppendedEventEffect {

    private final FloorStore store;
    private final AuthorityFloors floors;
    private final TransactionOperations<Connection> transactions;

    AppendedFloors(FloorStore store, AuthorityFloors floors, TransactionOperations<Connection> transactions) {
        this.store = store;
        this.floors = floors;
        this.transactions = transactions;
    }

    @Override
    public void apply(DomainEvent event) {
        applyAll(List.of(event));
    }

    /**
     * One statement for all the events' floors and one commit hook, however many members an edit announces (one
     * event alone takes the same path).
     */
    @Override
    public void applyAll(List<? extends DomainEvent> events) {
        List<Floor> raised = events.stream().map(FloorEvents::floorOf).filter(Objects::nonNull).toList();
        if (raised.isEmpty()) {
            return;
        }
        store.raiseAll(raised);
        long now = System.currentTimeMillis();
        List<Floor> learned = raised.stream()
                .map(f -> new Floor(f.subject(), f.organizationId(), f.version(), f.cause(), now)).toList();
        Signal.afterCommit(transactions, () -> learned.forEach(floors::learn));
    }
}
