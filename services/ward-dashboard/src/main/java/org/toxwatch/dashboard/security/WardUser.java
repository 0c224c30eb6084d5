package org.toxwatch.dashboard.security;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person behind a request: the token's {@code upn} (or {@code sub}) and the ward roles of its groups claim.
 *
 * @param name  who, as the audit and the dose-advisor record it
 * @param roles the token's groups (all of them, for the audit of a refusal)
 */
public record WardUser(String name, Set<String> roles) {

    public static WardUser of(SecurityIdentity identity) {
        return new WardUser(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    /** The role the user acts in for an action only some roles may take; empty when none of theirs may. */
    public Optional<String> roleFor(Set<String> allowed) {
        return WardRoles.ALL.stream().filter(allowed::contains).filter(roles::contains).findFirst();
    }

    /** The roles as one line, for the audit of a refused attempt. */
    public String describeRoles() {
        return roles.isEmpty() ? "(none)" : String.join(",", roles);
    }
}
