package org.toxwatch.resilience.retry;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import io.vertx.pgclient.PgException;

/**
 * Tells a failure of the infrastructure (the database or the broker unreachable, restarting or overloaded) from a
 * failure that belongs to the input or to our code.
 * <p>
 * The difference decides what happens to a record: an outage passes, so the record is retried until it does and is
 * never dead-lettered for it (a valid lab result dead-lettered during a database restart would be a lost result);
 * anything else is the record's own problem and goes to the dead-letter topic with its reason.
 */
public final class InfrastructureOutage {

    private static final int MAX_CAUSE_DEPTH = 32;

    private InfrastructureOutage() {
    }

    /** True when {@code failure}, or anything in its cause chain, says the infrastructure was unavailable. */
    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= MAX_CAUSE_DEPTH; t = t.getCause()) {
            if (isOutageItself(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isOutageItself(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isOutageItself(Throwable t) {
        if (t instanceof ConnectException || t instanceof SocketException || t instanceof UnknownHostException
                || t instanceof ClosedChannelException || t instanceof java.util.concurrent.TimeoutException) {
            return true;
        }
        // Kafka's own verdict: not leader, broker not available, request timed out, ... (the client gave up retrying)
        if (t instanceof RetriableException) {
            return true;
        }
        if (t instanceof PgException pg) {
            return isOutageState(pg.getSqlState());
        }
        return isLostConnection(t);
    }

    /**
     * SQLSTATE classes that mean "try again later", not "this statement is wrong": connection exceptions (08),
     * insufficient resources (53), operator intervention such as a shutdown or a server still starting (57P0x),
     * serialization failures and deadlocks (40001, 40P01).
     */
    static boolean isOutageState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("40001") || sqlState.equals("40P01");
    }

    /**
     * The reactive SQL client reports a connection that went away mid-transaction, or a pool that cannot hand out one,
     * as plain exceptions identified only by class or message (no SQLSTATE: the server never answered).
     */
    private static boolean isLostConnection(Throwable t) {
        String type = t.getClass().getName();
        if (type.equals("io.vertx.sqlclient.ClosedConnectionException")
                || type.equals("io.vertx.core.impl.NoStackTraceTimeoutException")
                || type.equals("io.netty.channel.ConnectTimeoutException")
                || type.equals("io.netty.channel.StacklessClosedChannelException")) {
            return true;
        }
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("connection is closed") || text.contains("connection refused")
                || text.contains("connection reset") || text.contains("connection is not active")
                || text.contains("pending connection") || text.contains("the connection was closed")
                || text.contains("failed to connect");
    }
}
