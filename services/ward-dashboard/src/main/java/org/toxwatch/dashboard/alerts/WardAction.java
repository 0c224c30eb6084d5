package org.toxwatch.dashboard.alerts;

import java.util.Set;

import org.toxwatch.dashboard.security.WardRoles;

/** What the ward may do to an alert through the dashboard, the dose-advisor's path for it, and who may. */
public enum WardAction {
    ACKNOWLEDGE("acknowledge", Set.of(WardRoles.NURSE, WardRoles.ONCOLOGIST, WardRoles.PHARMACIST)),
    OVERRIDE("override", Set.of(WardRoles.ONCOLOGIST, WardRoles.PHARMACIST)),
    RESOLVE("resolve", Set.of(WardRoles.NURSE, WardRoles.ONCOLOGIST, WardRoles.PHARMACIST));

    private final String path;
    private final Set<String> allowedRoles;

    WardAction(String path, Set<String> allowedRoles) {
        this.path = path;
        this.allowedRoles = allowedRoles;
    }

    public String path() {
        return path;
    }

    public Set<String> allowedRoles() {
        return allowedRoles;
    }
}
