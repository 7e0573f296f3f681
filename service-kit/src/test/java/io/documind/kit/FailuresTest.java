package io.documind.kit;

import io.documind.kit.consumer.Failures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void databaseOutagesAreTransientWhereverTheyAreWrapped() {
        assertTrue(Failures.isTransient(new IllegalStateException(new SQLTransientConnectionException("pool timeout"))));
        assertTrue(Failures.isTransient(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(Failures.isTransient(new SQLException("deadlock", "40P01")));
        assertTrue(Failures.isTransient(new SQLException("shutting down", "57P01")));
    }

    @Test
    void failuresOfTheEventItselfAreNot() {
        assertFalse(Failures.isTransient(new IllegalArgumentException("bad data")));
        assertFalse(Failures.isTransient(new SQLException("unique violation", "23505")));
        assertFalse(Failures.isTransient(new RuntimeException(new SQLException("no state"))));
    }
}
