package org.toxwatch.advisor.lifecycle;

/**
 * Who made a transition. Free text until authentication arrives (a later issue); then the authenticated principal
 * fills the id and a role joins it here, in the alert_transition table and in the lifecycle event.
 */
public record Actor(String id) {

    /** The service itself: opening, worsening, escalating and retracting alerts. */
    public static final Actor SYSTEM = new Actor("system:dose-advisor");

    static final int MAX_LENGTH = 200;

    public Actor {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor is required");
        }
        id = id.strip();
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("actor is longer than " + MAX_LENGTH + " characters");
        }
    }
}
