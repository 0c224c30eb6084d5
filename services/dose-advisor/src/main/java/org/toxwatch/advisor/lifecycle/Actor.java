package org.toxwatch.advisor.lifecycle;

/**
 * Who made a transition, as stored in {@code alert_transition.actor} and published in the lifecycle event. For a
 * person it is built from the verified bearer token, never from the request body: {@code "<upn> (<role>)"}, the role
 * being the one the action was allowed under; for the service itself {@link #SYSTEM}.
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

    /** A person acting in {@code role}; {@code name} is the token's upn (or subject). */
    public static Actor person(String name, String role) {
        return new Actor(name + " (" + role + ")");
    }
}
