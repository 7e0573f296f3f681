package io.documind.kit.jdbc;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * How this platform's pruning jobs delete: in batches, each in a transaction of its own, so no batch holds locks or
 * writes WAL for long beside the live traffic on the same table; a run goes on while batches come back full and
 * stops once its time budget is spent, and the next scheduled run takes what is left.
 */
public final class BatchedDeletes {

    private BatchedDeletes() {
    }

    /**
     * @param deleteUpTo deletes at most the rows it is given and returns how many it deleted (its caller's
     *                   transaction, one per batch)
     * @return how many rows went in this run
     */
    public static int run(TransactionOperations<Connection> transactions, int batch, Duration budget,
                          IntUnaryOperator deleteUpTo) {
        long deadline = System.nanoTime() + budget.toNanos();
        int total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> deleteUpTo.applyAsInt(batch));
            total += deleted;
        } while (deleted == batch && System.nanoTime() < deadline);
        return total;
    }
}
