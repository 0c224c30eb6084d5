package org.toxwatch.resilience.retry;

import java.time.Duration;

/**
 * The service's stop (SIGTERM: a rolling update, a scale-down, a node drain) as the record processing sees it.
 * <p>
 * A stop closes the database sessions and the broker clients while records are still being processed and while more
 * are fetched and waiting; their failures say "session closed" or "connection closing", not "this lab result is
 * wrong". So once the stop has begun no new record is started, the records in flight get a bounded time to finish, and
 * no failure after that moment is blamed on a record: it is left unacknowledged, its offset is not committed, and the
 * next instance receives it again (idempotency absorbs whatever part of it was already done).
 */
public final class ServiceStop {

    private final Object lock = new Object();
    private boolean begun;
    private int inFlight;

    public boolean hasBegun() {
        synchronized (lock) {
            return begun;
        }
    }

    /** Registers a record that starts processing; false (nothing registered) once the stop has begun. */
    boolean enter() {
        synchronized (lock) {
            if (begun) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    /** A record registered by {@link #enter} has finished, one way or the other. */
    void leave() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * Begins the stop and waits until the records in flight have finished, for at most {@code drainTimeout}.
     *
     * @return how many records are still in flight when it returns (0 after a clean drain)
     */
    public int beginAndDrain(Duration drainTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (lock) {
            begun = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return inFlight;
        }
    }
}
