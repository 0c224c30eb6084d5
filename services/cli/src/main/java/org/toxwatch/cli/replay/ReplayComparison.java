package org.toxwatch.cli.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pages of two replays of one cohort compared: per rule, how many pages before and after and how many appeared or
 * disappeared; and the pages themselves that differ. Pages are matched by {@link ReplayedAlert.Identity}, so a page
 * whose rule changed counts once as disappeared (old rule) and once as appeared (new rule), and for every rule
 * {@code after = before + appeared - disappeared}.
 */
record ReplayComparison(List<RuleTally> rules, List<AlertChange> changes, int pagesBefore, int pagesAfter) {

    /** One row of the per-rule table. */
    record RuleTally(String rule, SortedSet<String> drugs, int before, int after, int appeared, int disappeared) {
    }

    enum Change {
        APPEARED, DISAPPEARED
    }

    record AlertChange(Change change, ReplayedAlert alert) {
    }

    private static final Comparator<AlertChange> REPORT_ORDER = Comparator
            .comparing((AlertChange c) -> c.alert().patientId())
            .thenComparing(c -> c.alert().courseId())
            .thenComparing(c -> c.alert().effectiveTime())
            .thenComparing(c -> c.alert().trigger())
            .thenComparing(c -> c.alert().drug())
            .thenComparing(c -> c.alert().rule())
            .thenComparing(c -> c.alert().decision())
            .thenComparing(AlertChange::change);

    static ReplayComparison of(List<ReplayedAlert> before, List<ReplayedAlert> after) {
        Map<ReplayedAlert.Identity, List<ReplayedAlert>> was = byIdentity(before);
        Map<ReplayedAlert.Identity, List<ReplayedAlert>> now = byIdentity(after);
        var changes = new ArrayList<AlertChange>();
        was.forEach((identity, pages) -> surplus(pages, now.getOrDefault(identity, List.of()), Change.DISAPPEARED, changes));
        now.forEach((identity, pages) -> surplus(pages, was.getOrDefault(identity, List.of()), Change.APPEARED, changes));
        changes.sort(REPORT_ORDER);

        var tallies = new TreeMap<String, int[]>();
        var drugs = new TreeMap<String, SortedSet<String>>();
        before.forEach(page -> count(page, 0, tallies, drugs));
        after.forEach(page -> count(page, 1, tallies, drugs));
        changes.forEach(change -> count(change.alert(), change.change() == Change.APPEARED ? 2 : 3, tallies, drugs));
        var rows = new ArrayList<RuleTally>();
        tallies.forEach((rule, n) -> rows.add(new RuleTally(rule, drugs.get(rule), n[0], n[1], n[2], n[3])));
        return new ReplayComparison(List.copyOf(rows), List.copyOf(changes), before.size(), after.size());
    }

    boolean identical() {
        return changes.isEmpty();
    }

    long count(Change change) {
        return changes.stream().filter(c -> c.change() == change).count();
    }

    private static Map<ReplayedAlert.Identity, List<ReplayedAlert>> byIdentity(List<ReplayedAlert> pages) {
        var grouped = new LinkedHashMap<ReplayedAlert.Identity, List<ReplayedAlert>>();
        pages.forEach(page -> grouped.computeIfAbsent(page.identity(), id -> new ArrayList<>()).add(page));
        return grouped;
    }

    /** Pages of one identity beyond what the other replay has of it (pages are compared as counts, not as sets). */
    private static void surplus(List<ReplayedAlert> mine, List<ReplayedAlert> theirs, Change change, List<AlertChange> out) {
        mine.stream().skip(theirs.size()).forEach(page -> out.add(new AlertChange(change, page)));
    }

    private static void count(ReplayedAlert page, int column, Map<String, int[]> tallies, Map<String, SortedSet<String>> drugs) {
        tallies.computeIfAbsent(page.rule(), rule -> new int[4])[column]++;
        drugs.computeIfAbsent(page.rule(), rule -> new TreeSet<>()).add(page.drug());
    }
}
