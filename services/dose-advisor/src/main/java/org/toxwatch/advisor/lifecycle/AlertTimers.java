package org.toxwatch.advisor.lifecycle;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * The escalation timers: machine-clock periods, the one place where ToxWatch does not run on event time, because they
 * measure how long people take to react. Values in application.properties; environment variables in the README.
 */
@ConfigMapping(prefix = "toxwatch.alerts")
public interface AlertTimers {

    /** How long an OPEN alert waits for an acknowledgement before it escalates, and again between escalations. */
    Duration acknowledgeWithin();

    /** The same for alerts triggered by febrile neutropenia, an emergency: shorter. */
    Duration acknowledgeWithinFebrileNeutropenia();

    Escalation escalation();

    interface Escalation {

        /** How often the timer looks for overdue alerts. */
        Duration checkEvery();

        /** The highest escalation level; an alert there is not escalated again. */
        int maxLevel();
    }

    /** The acknowledge period for an alert whose trigger is {@code term}. */
    default Duration acknowledgeWithin(String term) {
        return "Febrile neutropenia".equalsIgnoreCase(term == null ? "" : term.strip())
                ? acknowledgeWithinFebrileNeutropenia()
                : acknowledgeWithin();
    }
}
