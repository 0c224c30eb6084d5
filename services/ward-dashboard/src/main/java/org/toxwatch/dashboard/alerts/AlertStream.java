package org.toxwatch.dashboard.alerts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;

/**
 * The live alert stream: every card change after a position, stored ones first, then live ones, each exactly once and
 * in sequence order. A stream listens for commits before it reads anything, and every read (the first one, and one
 * per commit it hears of) asks the change table for what follows the last position it sent. Since changes commit in
 * sequence order, nothing committed can be skipped, and nothing is sent twice.
 */
@ApplicationScoped
public class AlertStream {

    private static final Logger LOG = Logger.getLogger(AlertStream.class);
    /** Changes read per query; a longer backlog is read in several. */
    static final int PAGE = 200;

    private final AlertReadModel alerts;
    private final AlertChanges changes;
    private final Vertx vertx;
    private final Duration heartbeat;

    public AlertStream(AlertReadModel alerts, AlertChanges changes, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "toxwatch.dashboard.stream.heartbeat") Duration heartbeat) {
        this.alerts = alerts;
        this.changes = changes;
        this.vertx = vertx;
        this.heartbeat = heartbeat;
        Gauge.builder("toxwatch.dashboard.streams.open", changes, AlertChanges::listeners)
                .tag("service", "ward-dashboard").register(registry);
    }

    /** Changes after {@code after} (null: from now on) of one ward (null: every ward). */
    Multi<OutboundSseEvent> open(Long after, String ward, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            Cursor cursor = new Cursor(ward, sse, emitter);
            Runnable listener = cursor::wake;
            changes.listen(listener);
            long timer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
                emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
                cursor.wake(); // also a safety net should a notification ever be lost
            });
            emitter.onTermination(() -> {
                changes.stopListening(listener);
                vertx.cancelTimer(timer);
            });
            if (after != null) {
                cursor.start(after);
            } else {
                alerts.position().subscribe().with(cursor::start, emitter::fail);
            }
        });
    }

    /** One stream's position, and at most one read of the change table at a time. */
    private final class Cursor {

        private final String ward;
        private final Sse sse;
        private final MultiEmitter<? super OutboundSseEvent> emitter;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean wanted = new AtomicBoolean();
        private volatile long last = -1;

        Cursor(String ward, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
            this.ward = ward;
            this.sse = sse;
            this.emitter = emitter;
        }

        void start(long after) {
            last = after;
            wake();
        }

        void wake() {
            wanted.set(true);
            if (last >= 0 && !emitter.isCancelled() && reading.compareAndSet(false, true)) {
                read();
            }
        }

        private void read() {
            wanted.set(false);
            alerts.changesAfter(last, ward, PAGE).subscribe().with(found -> {
                for (AlertReadModel.Change change : found) {
                    emitter.emit(sse.newEventBuilder().id(Long.toString(change.seq())).name("alert")
                            .data(change.card()).build());
                    last = change.seq();
                }
                if (found.size() == PAGE || wanted.get()) {
                    read();
                    return;
                }
                reading.set(false);
                // a commit heard between the read and the flag going down must not wait for the next one
                if (wanted.get() && reading.compareAndSet(false, true)) {
                    read();
                }
            }, failure -> {
                LOG.warnf("alert stream closed: %s", failure.getMessage());
                emitter.fail(failure);
            });
        }
    }
}
