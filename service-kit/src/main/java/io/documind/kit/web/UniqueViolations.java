package io.documind.kit.web;

import io.documind.kit.jdbc.Sql;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * A PostgreSQL unique_violation reaching a route is a race that a service's own "already exists?" check lost
 * (two sign-ups with one email at once): the answer is 409, as the check would have given, never 500. Both ways
 * statements fail here (micronaut-data repositories and the kit's {@link Sql}) are handled; any other database
 * failure stays a logged 500, now as a problem document.
 */
public final class UniqueViolations {

    private static final Logger LOG = LoggerFactory.getLogger(UniqueViolations.class);
    /** PostgreSQL's SQLSTATE for unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static HttpResponse<Problem> answer(HttpRequest<?> request, RuntimeException e) {
        if (isUniqueViolation(e)) {
            LOG.debug("unique violation answered with 409 on {}", request.getPath(), e);
            return Problem.response(request, HttpStatus.CONFLICT,
                    "It already exists: a concurrent request created the same thing", null);
        }
        LOG.error("database failure on {} {}", request.getMethod(), request.getPath(), e);
        return Problem.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", null);
    }

    @Singleton
    static class RepositoryFailureHandler implements ExceptionHandler<DataAccessException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, DataAccessException e) {
            return answer(request, e);
        }
    }

    @Singleton
    static class SqlFailureHandler implements ExceptionHandler<Sql.DataAccessFailure, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, Sql.DataAccessFailure e) {
            return answer(request, e);
        }
    }
}
