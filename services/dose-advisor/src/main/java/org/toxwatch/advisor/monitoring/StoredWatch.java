package org.toxwatch.advisor.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Set;

import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.monitoring.CourseWatch;
import org.toxwatch.regimens.monitoring.OpenCondition;
import org.toxwatch.regimens.monitoring.RecordedFinding;

/** A CourseWatch in a JSON-friendly shape (occurrence keys as fields, not map keys). */
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
        return new StoredWatch(watch.findings(), watch.open(), episodes, watch.confirmedQualifiers(), watch.preCycleChecked());
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
