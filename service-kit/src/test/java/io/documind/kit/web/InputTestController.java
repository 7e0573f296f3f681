package io.documind.kit.web;

import io.documind.kit.security.PublicEndpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Routes taking text every way a caller can send it, for {@link BadInputTest}; each echoes what it bound. */
@PublicEndpoint
@Controller("/input")
class InputTestController {

    @Serdeable
    record Thing(String name, @Nullable List<String> tags, @Nullable Map<String, String> extra) {
    }

    /** Every kind of value a body declares, for the strict reading of JSON scalars. */
    @Serdeable
    record Settings(@Nullable Boolean enabled, int count, @Nullable String label, @Nullable List<Integer> sizes,
                    @Nullable Thing nested) {
    }

    @Post("/typed")
    Settings typed(@Body Settings settings) {
        return settings;
    }

    @Post("/raw")
    String raw(@Body String body) {
        return body;
    }

    @Post("/json")
    Thing json(@Body Thing thing) {
        return thing;
    }

    @Post(value = "/form", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    Map<String, String> form(@Body Map<String, String> form) {
        return form;
    }

    @Get("/query")
    Map<String, String> query(@Nullable @QueryValue String q) {
        return Map.of("q", q == null ? "" : q);
    }

    @Get("/id/{id}")
    Map<String, String> id(@PathVariable java.util.UUID id) {
        return Map.of("id", id.toString());
    }

    @Get("/path/{name}")
    Map<String, String> path(@PathVariable String name) {
        return Map.of("name", name);
    }

    /** What a repository throws when a concurrent insert won the unique key. */
    @Post("/race")
    void race() {
        throw new DataAccessException("SQL error executing INSERT",
                new SQLException("duplicate key value violates unique constraint", DatabaseFailures.UNIQUE_VIOLATION));
    }

    /** A unique race on a constraint the service answers otherwise ({@link InputTestConstraints}), as pgjdbc says. */
    @Post("/race-named")
    void raceNamed() {
        throw new DataAccessException("SQL error executing INSERT", new org.postgresql.util.PSQLException(
                new org.postgresql.util.ServerErrorMessage("SERROR\0C" + DatabaseFailures.UNIQUE_VIOLATION
                        + "\0Mduplicate key value violates unique constraint\0n" + InputTestConstraints.NAME + "\0")));
    }

    /** What a repository throws when what the row refers to was deleted meanwhile. */
    @Post("/race-deleted")
    void raceDeleted() {
        throw new DataAccessException("SQL error executing INSERT",
                new SQLException("insert violates foreign key constraint", DatabaseFailures.FOREIGN_KEY_VIOLATION));
    }

    /** A failure that is nobody's to retry: an internal error of the database. */
    @Post("/broken")
    void broken() {
        throw new DataAccessException("SQL error executing INSERT", new SQLException("internal error", "XX000"));
    }

    /** What a statement gets when the database broke a deadlock by rolling this transaction back. */
    @Post("/deadlock")
    void deadlock() {
        throw new DataAccessException("SQL error executing DELETE",
                new SQLException("deadlock detected", DatabaseFailures.DEADLOCK_DETECTED));
    }

    /** What a statement gets when it ran past its statement_timeout. */
    @Post("/too-long")
    void tooLong() {
        throw new DataAccessException("SQL error executing SELECT",
                new SQLException("canceling statement due to statement timeout", DatabaseFailures.QUERY_CANCELED));
    }

    /** What a statement gets when the connection to the database broke. */
    @Post("/unreachable")
    void unreachable() {
        throw new DataAccessException("SQL error executing INSERT", new SQLException("connection lost", "08006"));
    }
}
