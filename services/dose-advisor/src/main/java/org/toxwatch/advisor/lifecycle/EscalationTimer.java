package org.toxwatch.advisor.lifecycle;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Escalates overdue alerts every {@code toxwatch.alerts.escalation.check-every}. Quarkus's simple scheduler looks at
 * its triggers once a second, so periods below a second act as one second. Several instances of the service may run
 * this at once: the conditional update lets exactly one of them escalate an alert.
 */
@ApplicationScoped
public class EscalationTimer {

    private static final Logger LOG = Logger.getLogger(EscalationTimer.class);

    private final AlertLifecycle lifecycle;

    public EscalationTimer(AlertLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(identity = "alert-escalation", every = "${toxwatch.alerts.escalation.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> escalateOverdueAlerts() {
        return lifecycle.escalateOverdue(Instant.now())
                .invoke(escalated -> {
                    if (!escalated.isEmpty()) {
                        LOG.infof("escalated %d overdue alert(s)", escalated.size());
                    }
                })
                .onFailure().invoke(e -> LOG.errorf(e, "escalating overdue alerts failed; the next run tries again"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
