package org.toxwatch.advisor.lifecycle;

import java.util.UUID;

/** No alert has this id: a 404. */
public class UnknownAlert extends RuntimeException {

    public UnknownAlert(UUID alertId) {
        super("no dose alert " + alertId);
    }
}
