package org.toxwatch.dashboard.security;

import java.util.List;

/**
 * The roles a token may carry in its {@code groups} claim. Who may do what: everyone reads; nurses, oncologists and
 * pharmacists acknowledge and resolve; only oncologists and pharmacists override, since overriding is deciding against
 * the dose advice.
 */
public final class WardRoles {

    public static final String NURSE = "nurse";
    public static final String ONCOLOGIST = "oncologist";
    public static final String PHARMACIST = "pharmacist";
    public static final String VIEWER = "viewer";

    /** In the order a role is named for an action when a token carries several that allow it. */
    public static final List<String> ALL = List.of(ONCOLOGIST, PHARMACIST, NURSE, VIEWER);

    private WardRoles() {
    }
}
