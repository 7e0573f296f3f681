package io.documind.kit.web;

import io.micronaut.http.HttpStatus;

/**
 * A unique constraint whose violation a service answers as its own check before the write answers a duplicate.
 * Declared as a bean by the service that owns the table. Why: a write that passed the check and then lost a race to
 * a concurrent one with the same key reaches {@link DatabaseFailures} as a unique_violation, whose default answer is
 * 409; for names the service checks itself (422, as Logto answers) the two answers would then differ by timing.
 *
 * @param name   the constraint's name in PostgreSQL, as its error reports it
 * @param status what the service's own check answers
 * @param field  the request field that collided
 * @param detail the answer's detail (the colliding value is not at hand: say what kind of thing exists)
 */
public record UniqueConstraint(String name, HttpStatus status, String field, String detail) {

    /** The refusal of a write that violated this constraint. */
    public ProblemException refusal() {
        return new ProblemException(status, detail, field);
    }
}
