package org.toxwatch.cli.replay;

import org.toxwatch.cli.replay.ReplayComparison.AlertChange;
import org.toxwatch.cli.replay.ReplayComparison.RuleTally;

import java.io.PrintWriter;
import java.util.List;

/** The report on stdout: the two rule sets, the per-rule table, then every page that would appear or disappear. */
final class ReplayReport {

    private ReplayReport() {
    }

    static void print(PrintWriter out, Cohort cohort, RuleSet before, RuleSet after, ReplayComparison comparison) {
        out.println("What-if replay of " + cohort.courses().size() + " courses and " + cohort.eventCount()
                + " graded events (" + cohort.source() + ")");
        out.println("  before: " + before.description());
        out.println("  after:  " + after.description());
        out.println();
        out.println("Alerts (pages) per rule:");
        TextTable rules = new TextTable(List.of("rule", "drug(s)", "before", "after", "appeared", "disappeared"),
                false, false, true, true, true, true);
        for (RuleTally tally : comparison.rules()) {
            rules.add(List.of(tally.rule(), String.join(", ", tally.drugs()), String.valueOf(tally.before()),
                    String.valueOf(tally.after()), String.valueOf(tally.appeared()), String.valueOf(tally.disappeared())));
        }
        rules.add(List.of("total", "", String.valueOf(comparison.pagesBefore()), String.valueOf(comparison.pagesAfter()),
                String.valueOf(comparison.count(ReplayComparison.Change.APPEARED)),
                String.valueOf(comparison.count(ReplayComparison.Change.DISAPPEARED))));
        rules.print(out);
        out.println();
        if (comparison.identical()) {
            out.println("No alert would appear or disappear: both rule sets page the same for this cohort.");
            return;
        }
        out.println("Alerts that would appear or disappear (" + comparison.changes().size() + "):");
        TextTable changes = new TextTable(List.of("change", "patient", "course", "cycle", "drug", "decision", "action",
                "rule", "trigger event", "effective time"), false, false, false, true);
        for (AlertChange change : comparison.changes()) {
            ReplayedAlert alert = change.alert();
            changes.add(List.of(change.change().name(), alert.patientId(), alert.courseId(),
                    alert.cycle() == null ? "" : alert.cycle().toString(), alert.drug(),
                    alert.decision().name() + (alert.retracted() ? " (retracted)" : ""), alert.action(), alert.rule(),
                    alert.trigger(), alert.effectiveTime().toString()));
        }
        changes.print(out);
    }
}
