package io.documind.kit.web;

import io.documind.kit.authority.FloorStore;
import io.documind.kit.security.PublicEndpoint;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.Map;

/** A route that needs the database, as every service's routes do, for the outage tests. */
@PublicEndpoint
@Controller("/outage")
class OutageTestController {

    private final TransactionOperations<Connection> transactions;
    private final FloorStore floors;

    OutageTestController(TransactionOperations<Connection> transactions, FloorStore floors) {
        this.transactions = transactions;
        this.floors = floors;
    }

    @Get("/read")
    Map<String, Long> read() {
        return Map.of("one", transactions.executeRead(s -> (long) floors.learnedWithin(0).size() + 1));
    }
}
