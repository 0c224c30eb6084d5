package org.toxwatch.dashboard.alerts;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the open streams that a card change was committed. It carries no card: each stream reads what it has not
 * sent from the change table, in order, so a notification that overtakes another cannot reorder or drop anything.
 * Notifications stay inside one process: with several instances, a stream learns of another instance's changes at
 * its next heartbeat, when it reads the table anyway (PostgreSQL LISTEN/NOTIFY would make that immediate).
 */
@ApplicationScoped
public class AlertChanges {

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void stopListening(Runnable listener) {
        listeners.remove(listener);
    }

    int listeners() {
        return listeners.size();
    }

    /** Called after the commit of a change (or of several, with the highest position). */
    public void committed(long seq) {
        if (seq > 0) {
            listeners.forEach(Runnable::run);
        }
    }
}
