package org.toxwatch.advisor.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Set;

import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.OpenCondition;
import org.toxwatch.regimens.monitoring.RecordedFinding;

/**
 * A CourseWatch in a JSON-friendly shape (occurrence keys as fields, not map keys). A graded finding is stored without
 * its explanation: no rule reads it (a rule reads only a not-gradable finding's reason), it was most of the stored text,
 * and the watch is written whole once per course and batch; the graded-event log keeps it for an alert that rests on a
 * stored finding ({@link #explained}).
 */
public record StoredWatch(List<RecordedFinding> findings, List<OpenCondition> open, List<Episodes> episodes,
        Set<String> confirmedQualifiers, Set<Integer> preCycleChecked) {

    /** Episodes counted for one (drug, occurrence family), and the event that started the running one, if any. */
    public record Episodes(String drug, String family, int counted, String runningSince) {
    }

    public static StoredWatch of(CourseWatch watch) {
        var episodes = watch.episodes().entrySet().stream()
                .map(e -> new Episodes(e.getKey().drug(), e.getKey().family(), e.getValue(), watch.openEpisodes().get(e.getKey())))
                .sorted(java.util.Comparator.comparing(Episodes::drug).thenComparing(Episodes::family))
                .toList();
        var findings = watch.findings().stream().map(StoredWatch::withoutGradedExplanation).toList();
        return new StoredWatch(findings, watch.open(), episodes, watch.confirmedQualifiers(), watch.preCycleChecked());
    }

    private static RecordedFinding withoutGradedExplanation(RecordedFinding recorded) {
        Finding finding = recorded.finding();
        return finding.grade() == null || finding.explanation() == null ? recorded
                : new RecordedFinding(recorded.eventId(), finding.withExplanation(null));
    }

    /** False for a graded finding read back without the explanation its graded event gave it (see {@link #of}). */
    public static boolean explained(RecordedFinding recorded) {
        return recorded.finding().grade() == null || recorded.finding().explanation() != null;
    }

    public CourseWatch toWatch() {
        var counted = new HashMap<OccurrenceKey, Integer>();
        var running = new HashMap<OccurrenceKey, String>();
        if (episodes != null) {
            for (Episodes e : episodes) {
                var key = new OccurrenceKey(e.drug(), e.family());
                counted.put(key, e.counted());
                if (e.runningSince() != null) {
                    running.put(key, e.runningSince());
                }
            }
        }
        return new CourseWatch(findings, open, counted, running, confirmedQualifiers, preCycleChecked);
    }
}
