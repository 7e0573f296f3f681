package io.documind.kit.web;

import io.documind.kit.jdbc.Sql;
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
    private final Sql sql;

    OutageTestController(TransactionOperations<Connection> transactions, Sql sql) {
        this.transactions = transactions;
        this.sql = sql;
    }

    @Get("/read")
    Map<String, Long> read() {
        return Map.of("one", transactions.executeRead(s -> sql.one("SELECT 1", rs -> rs.getLong(1)).orElseThrow()));
    }
}
