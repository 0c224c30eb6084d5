package org.toxwatch.grader.security;

/**
 * The roles a bearer token may carry in its {@code groups} claim (RS256, verified against
 * {@code TOXWATCH_JWT_PUBLIC_KEY}): the ward dashboard's roles for people, {@link #PATIENT} for a patient reporting
 * their own symptoms, and {@link #INTEGRATION} for a system feed (a patient app relaying its patients' reports).
 */
public final class Roles {

    public static final String NURSE = "nurse";
    public static final String ONCOLOGIST = "oncologist";
    public static final String PHARMACIST = "pharmacist";
    public static final String VIEWER = "viewer";
    public static final String PATIENT = "patient";
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
