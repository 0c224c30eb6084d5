package org.toxwatch.dashboard.alerts;

import java.util.Map;

/**
 * How urgent an alert type is on the ward screen: a stop before a hold before a cycle delay before a reduction, then
 * the two notices. A type added to dose-alert.v1 later ranks with DELAY_CYCLE until it is placed here: neither buried
 * under the notices nor shown above a hold.
 */
public final class Severity {

    static final Map<String, Integer> BY_TYPE = Map.of(
            "DISCONTINUE", 5,
            "DOSE_HOLD", 4,
            "DELAY_CYCLE", 3,
            "DOSE_REDUCE", 2,
            "LABS_REQUIRED", 1,
            "RESUME_ELIGIBLE", 0);

    static final int UNKNOWN_TYPE = 3;

    private Severity() {
    }

    public static int of(String alertType) {
        return alertType == null ? UNKNOWN_TYPE : BY_TYPE.getOrDefault(alertType, UNKNOWN_TYPE);
    }
}
