package io.documind.kit.web;

import io.documind.kit.consumer.Failures;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a database failure reaching a route means to the caller, for every way statements fail here (micronaut-data
 * repositories, transactions and connections):
 * <ul>
 *   <li>a unique_violation is a race that a service's own "already exists?" check lost (two sign-ups with one email
 *   at once): 409, as the check would have given, or what a {@link UniqueConstraint} bean of the service says for
 *   that constraint (a check that answers otherwise); a foreign_key_violation likewise lost a "still there?" check (an
 *   application deleted while it is being added to an organization): 409;</li>
 *   <li>the database unreachable, restarting or out of connections (the pool's bounded wait,
 *   {@code connection-timeout}, ran out): 503 with Retry-After, so clients retry instead of taking it for a bug;</li>
 *   <li>a deadlock or serialization failure: the database rolled this request back to let a concurrent one through
 *   (a user deleted while one of its sign-ins refreshes, a logout racing a refresh that finds the sign-in outgrown):
 *   503 with Retry-After, since the same request again normally succeeds;</li>
 *   <li>a statement stopped by its {@code statement_timeout} (a service bounds costly reads with one): 503 with
 *   Retry-After, saying so;</li>
 *   <li>anything else stays a logged 500, as a problem document.</li>
 * </ul>
 */
public final class DatabaseFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
    /** PostgreSQL's SQLSTATE for unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's SQLSTATE for foreign_key_violation. */
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** PostgreSQL's SQLSTATEs for deadlock_detected and serialization_failure. */
    static final String DEADLOCK_DETECTED = "40P01";
    static final String SERIALIZATION_FAILURE = "40001";
    /** query_canceled: a statement ran past its {@code statement_timeout} (or was cancelled). */
    static final String QUERY_CANCELED = "57014";
    static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseFailures() {
    }

    static boolean isUniqueViolation(Throwable e) {
        return hasState(e, UNIQUE_VIOLATION);
    }

    /** What a row referred to was deleted after the service checked it was there: a race as well. */
    static boolean isForeignKeyViolation(Throwable e) {
        return hasState(e, FOREIGN_KEY_VIOLATION);
    }

    private static boolean hasState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The name of the constraint a PostgreSQL error reports, if any. */
    static Optional<String> constraintOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return Optional.ofNullable(m == null ? null : m.getConstraint());
            }
        }
        return Optional.empty();
    }

    static HttpResponse<Problem> answer(HttpRequest<?> request, RuntimeException e, List<UniqueConstraint> known) {
        if (isUniqueViolation(e)) {
            Optional<UniqueConstraint> constraint = constraintOf(e)
                    .flatMap(name -> known.stream().filter(c -> c.name().equals(name)).findFirst());
            if (constraint.isPresent()) {
                UniqueConstraint c = constraint.get();
                LOG.debug("unique violation of {} answered with {} on {}", c.name(), c.status(), request.getPath(), e);
                return ProblemExceptionHandler.response(request, c.refusal());
            }
            LOG.debug("unique violation answered with 409 on {}", request.getPath(), e);
            return Problem.response(request, HttpStatus.CONFLICT,
                    "It already exists: a concurrent request created the same thing", null);
        }
        if (isForeignKeyViolation(e)) {
            LOG.debug("foreign key violation answered with 409 on {}", request.getPath(), e);
            return Problem.response(request, HttpStatus.CONFLICT,
                    "Something it refers to was deleted meanwhile; nothing was changed", null);
        }
        if (hasState(e, DEADLOCK_DETECTED) || hasState(e, SERIALIZATION_FAILURE)) {
            LOG.info("{} {} rolled back to let a concurrent transaction through: {}", request.getMethod(),
                    request.getPath(), e.getMessage());
            return Problem.response(request, HttpStatus.SERVICE_UNAVAILABLE,
                            "A concurrent request changed the same data; nothing was changed, try again", null)
                    .header(HttpHeaders.RETRY_AFTER, "1");
        }
        if (hasState(e, QUERY_CANCELED)) {
            LOG.warn("{} {} stopped: a statement ran past its time limit: {}", request.getMethod(), request.getPath(),
                    e.getMessage());
            return Problem.response(request, HttpStatus.SERVICE_UNAVAILABLE,
                            "The request needed more database time than this service allows and was stopped; nothing "
                                    + "was changed. Narrow it, or try again later", null)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (Failures.isDatabaseAway(e)) { // unreachable or not serving: nothing the request did, worth retrying
            LOG.warn("database unavailable on {} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
            return Problem.response(request, HttpStatus.SERVICE_UNAVAILABLE,
                            "The service's database is unavailable right now; nothing was changed, try again shortly",
                            null)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        LOG.error("database failure on {} {}", request.getMethod(), request.getPath(), e);
        return Problem.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", null);
    }

    /** One handler per type the failures arrive as: Micronaut picks a handler by the exception's class. */
    abstract static class Handler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<Problem>> {
        private final List<UniqueConstraint> known;

        Handler(List<UniqueConstraint> known) {
            this.known = known;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, E e) {
            return answer(request, e, known);
        }
    }

    /** A statement of a micronaut-data repository failed. */
    @Singleton
    static class RepositoryFailureHandler extends Handler<DataAccessException> {
        RepositoryFailureHandler(List<UniqueConstraint> known) {
            super(known);
        }
    }

    /** No connection for a transaction: the pool's wait ran out, or the server is gone. */
    @Singleton
    static class TransactionFailureHandler extends Handler<TransactionException> {
        TransactionFailureHandler(List<UniqueConstraint> known) {
            super(known);
        }
    }

    @Singleton
    static class ConnectionFailureHandler extends Handler<ConnectionException> {
        ConnectionFailureHandler(List<UniqueConstraint> known) {
            super(known);
        }
    }

    @Singleton
    static class JdbcConnectionFailureHandler
            extends Handler<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
        JdbcConnectionFailureHandler(List<UniqueConstraint> known) {
            super(known);
        }
    }

    @Singleton
    static class TransactionConnectionFailureHandler
            extends Handler<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException> {
        TransactionConnectionFailureHandler(List<UniqueConstraint> known) {
            super(known);
        }
    }
}
