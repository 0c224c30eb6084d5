package org.toxwatch.advisor.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The roles a bearer token may carry in its {@code groups} claim (RS256, verified against
 * {@code TOXWATCH_JWT_PUBLIC_KEY}). The people's roles and who may act on an alert are the ward dashboard's
 * ({@code WardRoles}, {@code WardAction}) exactly, since the dashboard forwards the ward's tokens here;
 * {@link #INTEGRATION} is the hospital's order system sending treatment courses.
 */
public final class Roles {

    public static final String NURSE = "nurse";
    public static final String ONCOLOGIST = "oncologist";
    public static final String PHARMACIST = "pharmacist";
    public static final String VIEWER = "viewer";
    public static final String INTEGRATION = "integration";

    /** The order in which a role is named for an action when a token carries several that allow it (as the dashboard). */
    private static final List<String> PRECEDENCE = List.of(ONCOLOGIST, PHARMACIST, NURSE, VIEWER, INTEGRATION);

    private Roles() {
    }

    /** The role the caller acts in among {@code allowed}; empty when none of theirs is. */
    public static Optional<String> actingRole(SecurityIdentity identity, Set<String> allowed) {
        return PRECEDENCE.stream().filter(allowed::contains).filter(identity::hasRole).findFirst();
    }
}
