package org.toxwatch.advisor.config;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs a transaction again when it lost a race to create the same row: two PUTs of a new course at once, two wards
 * asking for the same pre-cycle check, each reading "not there yet" and inserting. The loser's retry reads what the
 * winner stored and goes on from there (the same course again, "already checked"); without it the loser got a 500.
 * Found by the hostile-input suite (requests in flight together).
 */
public final class DuplicateKeyRetry {

    /** PostgreSQL's unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;
    private static final int MAX_CAUSE_DEPTH = 16;

    private DuplicateKeyRetry() {
    }

    /** {@code transaction}'s Uni, subscribed again (at most twice more) when it failed on a duplicate key. */
    public static <T> Uni<T> retried(Supplier<Uni<T>> transaction) {
        return Uni.createFrom().<T>deferred(transaction::get)
                .onFailure(DuplicateKeyRetry::isDuplicateKey).retry().atMost(ATTEMPTS - 1);
    }

    static boolean isDuplicateKey(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.ConstraintViolationException")
                    && t.getMessage() != null && t.getMessage().contains("duplicate key")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
