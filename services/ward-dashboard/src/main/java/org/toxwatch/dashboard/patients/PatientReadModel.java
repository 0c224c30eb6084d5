package org.toxwatch.dashboard.patients;

import static org.toxwatch.dashboard.readmodel.Sql.instant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.dashboard.alerts.AlertCard;
import org.toxwatch.dashboard.alerts.AlertDetail;
import org.toxwatch.dashboard.alerts.AlertReadModel;
import org.toxwatch.dashboard.alerts.Transition;
import org.toxwatch.dashboard.readmodel.Fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads one patient's page from the read model. */
@ApplicationScoped
public class PatientReadModel {

    private final Pool pool;
    private final ObjectMapper json;
    private final AlertReadModel alerts;

    public PatientReadModel(Pool pool, ObjectMapper json, AlertReadModel alerts) {
        this.pool = pool;
        this.json = json;
        this.alerts = alerts;
    }

    private record CourseVersion(String courseId, String ward, Instant publishedAt, JsonNode course) {
    }

    private record StandingEvent(String courseId, Integer cycleNumber, Instant effectiveTime, String ctcaeVersion,
            String term, String analyte, String status, Integer grade, BigDecimal value, String unit,
            BigDecimal lowerLimit, BigDecimal upperLimit, JsonNode baseline) {
    }

    /** Empty when the dashboard knows nothing of the patient. */
    public Uni<Optional<PatientView>> view(String patientId) {
        return courseVersions(patientId).chain(versions -> standingEvents(patientId).chain(events -> alerts
                .ofPatient(patientId).chain(cards -> alerts.transitions(cards.stream().map(AlertCard::alertId).toList())
                        .map(transitions -> {
                            if (versions.isEmpty() && events.isEmpty() && cards.isEmpty()) {
                                return Optional.<PatientView>empty();
                            }
                            return Optional.of(assemble(patientId, versions, events, cards, transitions));
                        }))));
    }

    private Uni<List<CourseVersion>> courseVersions(String patientId) {
        return pool.preparedQuery("SELECT course_id, ward, published_at, course FROM ward_dashboard.course_version "
                        + "WHERE patient_id = $1 ORDER BY course_id, topic_partition, topic_offset")
                .execute(Tuple.of(patientId))
                .map(rows -> {
                    List<CourseVersion> versions = new ArrayList<>();
                    for (Row row : rows) {
                        versions.add(new CourseVersion(row.getString("course_id"), row.getString("ward"),
                                instant(row.getOffsetDateTime("published_at")), tree(row.getString("course"))));
                    }
                    return versions;
                });
    }

    /** Events no later event supersedes or retracts, retractions themselves left out, in event-time order. */
    private Uni<List<StandingEvent>> standingEvents(String patientId) {
        return pool.preparedQuery("""
                        SELECT g.course_id, g.cycle_number, g.effective_time, g.ctcae_version, g.term, g.analyte,
                               g.status, g.grade, g.value, g.unit, g.lower_limit, g.upper_limit, g.baseline
                          FROM ward_dashboard.graded_event g
                         WHERE g.patient_id = $1 AND g.status <> 'RETRACTED'
                           AND NOT EXISTS (SELECT 1 FROM ward_dashboard.graded_event later
                                            WHERE later.supersedes = g.event_id OR later.retracts = g.event_id)
                         ORDER BY g.effective_time, g.event_id
                        """)
                .execute(Tuple.of(patientId))
                .map(rows -> {
                    List<StandingEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        String baseline = row.getString("baseline");
                        events.add(new StandingEvent(row.getString("course_id"), row.getInteger("cycle_number"),
                                instant(row.getOffsetDateTime("effective_time")), row.getString("ctcae_version"),
                                row.getString("term"), row.getString("analyte"), row.getString("status"),
                                row.getInteger("grade"), row.getBigDecimal("value"), row.getString("unit"),
                                row.getBigDecimal("lower_limit"), row.getBigDecimal("upper_limit"),
                                baseline == null ? null : tree(baseline)));
                    }
                    return events;
                });
    }

    private PatientView assemble(String patientId, List<CourseVersion> versions, List<StandingEvent> events,
            List<AlertCard> cards, List<Transition> transitions) {
        Map<String, List<CourseVersion>> byCourse = new LinkedHashMap<>();
        versions.forEach(v -> byCourse.computeIfAbsent(v.courseId(), id -> new ArrayList<>()).add(v));
        List<PatientView.Course> courses = new ArrayList<>();
        byCourse.forEach((courseId, courseVersions) -> courses.add(course(courseId, courseVersions, events)));
        String ward = versions.stream().max(Comparator.comparing(CourseVersion::publishedAt))
                .map(CourseVersion::ward).orElse(cards.isEmpty() ? AlertReadModel.UNASSIGNED : cards.get(0).ward());

        Map<String, List<Transition>> transitionsByAlert = new LinkedHashMap<>();
        transitions.forEach(t -> transitionsByAlert.computeIfAbsent(t.alertId().toString(), id -> new ArrayList<>()).add(t));
        List<AlertDetail> timeline = cards.stream()
                .map(card -> new AlertDetail(card, transitionsByAlert.getOrDefault(card.alertId().toString(), List.of())
                        .stream().map(AlertDetail.TransitionView::of).toList(), null))
                .toList();
        return new PatientView(patientId, ward, courses, labs(events), timeline);
    }

    private PatientView.Course course(String courseId, List<CourseVersion> versions, List<StandingEvent> events) {
        CourseVersion latest = versions.get(versions.size() - 1);
        Fields course = Fields.of(latest.course());
        List<PatientView.Cycle> cycles = new ArrayList<>();
        for (JsonNode cycle : course.node().path("cycles")) {
            Fields fields = Fields.of(cycle);
            if (cycle.path("number").canConvertToInt()) {
                cycles.add(new PatientView.Cycle(cycle.path("number").intValue(), fields.text("plannedStart")));
            }
        }
        return new PatientView.Course(courseId, course.text("regimen"), course.text("ctcaeVersion"), latest.ward(),
                cycles, doseHistory(versions), worstGrades(courseId, events));
    }

    /** A step each time a drug first appears or its level changes between consecutive versions. */
    private static List<PatientView.DoseStep> doseHistory(List<CourseVersion> versions) {
        Map<String, Integer> current = new LinkedHashMap<>();
        List<PatientView.DoseStep> steps = new ArrayList<>();
        for (CourseVersion version : versions) {
            for (JsonNode drug : version.course().path("drugs")) {
                String name = drug.path("drug").asText(null);
                if (name == null || !drug.path("doseLevel").canConvertToInt()) {
                    continue;
                }
                int level = drug.path("doseLevel").intValue();
                if (!Objects.equals(current.put(name, level), level)) {
                    steps.add(new PatientView.DoseStep(name, level, version.publishedAt()));
                }
            }
        }
        return steps;
    }

    private static List<PatientView.WorstGrade> worstGrades(String courseId, List<StandingEvent> events) {
        Map<Integer, Map<String, Integer>> byCycle = new TreeMap<>();
        for (StandingEvent event : events) {
            if (courseId.equals(event.courseId()) && event.cycleNumber() != null && event.grade() != null) {
                byCycle.computeIfAbsent(event.cycleNumber(), c -> new TreeMap<>())
                        .merge(event.term(), event.grade(), Math::max);
            }
        }
        List<PatientView.WorstGrade> worst = new ArrayList<>();
        byCycle.forEach((cycle, terms) -> terms.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> worst.add(new PatientView.WorstGrade(cycle, e.getKey(), e.getValue()))));
        return worst;
    }

    /** One series per term, analyte and unit, with the bands placed from its latest point. */
    private static List<PatientView.LabSeries> labs(List<StandingEvent> events) {
        Map<List<String>, List<StandingEvent>> series = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1))
                        .thenComparing(k -> k.get(2)));
        for (StandingEvent event : events) {
            if (event.value() != null && event.analyte() != null && event.unit() != null) {
                series.computeIfAbsent(List.of(event.term(), event.analyte(), event.unit()), k -> new ArrayList<>())
                        .add(event);
            }
        }
        List<PatientView.LabSeries> labs = new ArrayList<>();
        series.forEach((key, points) -> {
            StandingEvent latest = points.get(points.size() - 1);
            GradeBands.Drawing drawing = GradeBands.of(latest.ctcaeVersion(), key.get(0), key.get(1), key.get(2),
                    latest.lowerLimit(), latest.upperLimit(), baseline(latest.baseline()));
            labs.add(new PatientView.LabSeries(key.get(0), key.get(1), key.get(2), points.stream()
                    .map(p -> new PatientView.Point(p.effectiveTime(), p.value(), p.grade(), p.status(),
                            p.cycleNumber(), p.lowerLimit(), p.upperLimit()))
                    .toList(), drawing.bands(), drawing.measuredAgainst()));
        });
        return labs;
    }

    private static GradeBands.StatedBaseline baseline(JsonNode baseline) {
        if (baseline == null || !baseline.path("value").isNumber()) {
            return null;
        }
        Fields fields = Fields.of(baseline);
        return new GradeBands.StatedBaseline(fields.decimal("value"), fields.text("unit"), decimalOrNull(fields, "lowerLimit"),
                decimalOrNull(fields, "upperLimit"), Boolean.TRUE.equals(fields.bool("usedForGrading")));
    }

    private static BigDecimal decimalOrNull(Fields fields, String field) {
        return fields.node().path(field).isNumber() ? fields.decimal(field) : null;
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored message is unreadable", e);
        }
    }
}
