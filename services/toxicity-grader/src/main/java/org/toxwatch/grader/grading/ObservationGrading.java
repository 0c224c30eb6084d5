package org.toxwatch.grader.grading;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.toxwatch.ctcae.grading.Baseline;
import org.toxwatch.ctcae.grading.CensoredValues;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.GradeBand;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.Measurement;
import org.toxwatch.grader.course.CourseRecord;
import org.toxwatch.grader.course.TreatmentCourse;
import org.toxwatch.grader.observation.LabResult;
import org.toxwatch.grader.observation.NormalizedObservation;
import org.toxwatch.grader.symptom.SymptomReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Grades one observation in the context of the patient's treatment course, by event time:
 * the course running on the observation's date decides the CTCAE version and the cycle; an observation taken before
 * cycle 1 is the baseline sample and is graded against ULN, not against itself; later ones are graded against the
 * stated baseline or, failing that, the last result of the analyte before cycle 1.
 * <p>
 * Runs inside the caller's transaction; reactive session calls are chained one after another, never in parallel.
 */
@ApplicationScoped
public class ObservationGrading {

    static final String FEBRILE_NEUTROPENIA = "Febrile neutropenia";
    private static final List<String> PAIRED_ANALYTES = List.of(FebrileNeutropeniaPairing.NEUTROPHILS,
            FebrileNeutropeniaPairing.BODY_TEMPERATURE);

    private final CtcaeVersions versions;
    private final ObjectMapper json;
    private final ZoneId clinicZone;
    private final Duration pairingWindow;

    public ObservationGrading(CtcaeVersions versions, ObjectMapper json,
            @ConfigProperty(name = "toxwatch.clinic.time-zone") ZoneId clinicZone,
            @ConfigProperty(name = "toxwatch.febrile-neutropenia.pairing-window") Duration pairingWindow) {
        this.versions = versions;
        this.json = json;
        this.clinicZone = clinicZone;
        this.pairingWindow = pairingWindow;
    }

    /**
     * Stores the results, grades them, stores the graded events and returns them for publication.
     *
     * @param earlier every event recorded for the observation so far, newest first (read by the caller's transaction)
     * @param known   what the caller's batch read of the stored courses and results ({@link #knownFor})
     */
    public Uni<List<GradedEventRecord>> grade(NormalizedObservation observation, List<GradedEventRecord> earlier,
            KnownRecords known) {
        return storeResults(observation, known)
                .chain(() -> gradeIn(observation, CourseContext.at(known.coursesOf(observation.patientId()),
                        observation.effectiveTime(), clinicZone), earlier, known));
    }

    /** {@link #grade(NormalizedObservation, List, KnownRecords)} for an observation graded on its own. */
    public Uni<List<GradedEventRecord>> grade(NormalizedObservation observation, List<GradedEventRecord> earlier) {
        return knownFor(List.of(observation)).chain(known -> grade(observation, earlier, known));
    }

    /**
     * The stored courses of the observations' patients, the stored results under their keys, the results their
     * baselines are chosen from and those their febrile-neutropenia pairings read, in at most four queries.
     */
    public Uni<KnownRecords> knownFor(List<NormalizedObservation> observations) {
        List<String> patients = observations.stream().map(NormalizedObservation::patientId).distinct().toList();
        List<String> keys = observations.stream()
                .flatMap(o -> o.results().stream().map(r -> LabResult.key(o.observationId(), r.analyte())))
                .distinct().toList();
        Map<String, List<TreatmentCourse>> courses = new HashMap<>();
        Map<String, LabResult> results = new HashMap<>();
        Uni<Void> readCourses = patients.isEmpty() ? Uni.createFrom().voidItem()
                : CourseRecord.ofPatients(patients).invoke(rows -> {
                    Map<String, List<CourseRecord>> byPatient = new LinkedHashMap<>();
                    rows.forEach(row -> byPatient.computeIfAbsent(row.patientId, p -> new ArrayList<>()).add(row));
                    byPatient.forEach((patient, ofPatient) -> courses.put(patient, toCourses(ofPatient)));
                }).replaceWithVoid();
        Uni<Void> readResults = keys.isEmpty() ? Uni.createFrom().voidItem()
                : LabResult.byKeys(keys).invoke(rows -> rows.forEach(row -> results.put(row.resultKey, row)))
                        .replaceWithVoid();
        // one after another: a session runs one statement at a time
        return readCourses.chain(() -> readResults).chain(() -> {
            KnownRecords known = new KnownRecords(courses, results);
            return readBaselineCandidates(observations, known).chain(() -> readPairingCandidates(observations, known))
                    .replaceWith(known);
        });
    }

    /**
     * Reads, for every patient of the batch graded against a baseline, each stored result of the batch's analytes taken
     * before the latest first-cycle start a baseline of the patient is looked up for: every row that
     * {@link LabResult#latestBefore} could return for the batch is among them.
     */
    private Uni<Void> readBaselineCandidates(List<NormalizedObservation> observations, KnownRecords known) {
        Map<String, Instant> lookedUpBefore = new LinkedHashMap<>();
        Set<String> analytes = new TreeSet<>();
        for (NormalizedObservation observation : observations) {
            if (observation.isRetraction()) {
                continue;
            }
            CourseContext context = CourseContext.at(known.coursesOf(observation.patientId()),
                    observation.effectiveTime(), clinicZone);
            for (String analyte : baselineLookups(observation, context)) {
                analytes.add(analyte);
                lookedUpBefore.merge(observation.patientId(), context.firstCycleStart(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (lookedUpBefore.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return LabResult.takenBefore(lookedUpBefore, List.copyOf(analytes))
                .invoke(rows -> known.baselineCandidates(lookedUpBefore, analytes, rows))
                .replaceWithVoid();
    }

    /**
     * Reads, for every patient of the batch with an ANC or a temperature, the stored ANCs and temperatures within the
     * pairing windows of those observations (from the earliest window start to the latest window end): every row the
     * febrile-neutropenia pairing of the batch could read.
     */
    private Uni<Void> readPairingCandidates(List<NormalizedObservation> observations, KnownRecords known) {
        Map<String, Instant> from = new LinkedHashMap<>();
        Map<String, Instant> to = new LinkedHashMap<>();
        for (NormalizedObservation observation : observations) {
            if (!observation.isRetraction() && pairsForFever(observation)) {
                Instant at = observation.effectiveTime();
                from.merge(observation.patientId(), at.minus(pairingWindow), (a, b) -> a.isBefore(b) ? a : b);
                to.merge(observation.patientId(), at.plus(pairingWindow), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (from.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return LabResult.takenWithin(from, to, PAIRED_ANALYTES)
                .invoke(rows -> known.pairingCandidates(from, to, PAIRED_ANALYTES, rows))
                .replaceWithVoid();
    }

    private static boolean pairsForFever(NormalizedObservation observation) {
        return observation.results().stream().anyMatch(r -> PAIRED_ANALYTES.contains(r.analyte()));
    }

    /** The analytes of the observation whose baseline is looked up among stored results (none stated in the course). */
    private static List<String> baselineLookups(NormalizedObservation observation, CourseContext context) {
        if (context.course().isEmpty() || context.baselineSample()) {
            return List.of();
        }
        TreatmentCourse course = context.course().get();
        return observation.results().stream().map(NormalizedObservation.Result::analyte)
                .filter(analyte -> course.statedBaseline(analyte).isEmpty()).toList();
    }

    /**
     * Re-grades, from the stored raw values, every observation of the patient that falls under the course, with the
     * CTCAE version the course now names. Grades are never translated between versions; the new events supersede the
     * old ones.
     */
    public Uni<List<GradedEventRecord>> regrade(String patientId, String courseId) {
        return CourseRecord.ofPatient(patientId).map(this::toCourses).chain(courses -> LabResult.ofPatient(patientId)
                .chain(rows -> Multi.createFrom().iterable(observations(rows))
                        .onItem().transformToUniAndConcatenate(observation -> {
                            CourseContext context = CourseContext.at(courses, observation.effectiveTime(), clinicZone);
                            boolean underCourse = context.course().map(c -> c.courseId().equals(courseId)).orElse(false);
                            return underCourse
                                    ? GradedEventRecord.ofObservation(observation.observationId())
                                            .chain(earlier -> gradeIn(observation, context, earlier, null))
                                    : Uni.createFrom().item(List.<GradedEventRecord>of());
                        })
                        .collect().asList()
                        .map(lists -> lists.stream().flatMap(List::stream).toList())));
    }

    /**
     * Grades a reported symptom grade under the CTCAE version of the course running when it was assessed.
     *
     * @throws IllegalArgumentException (as a failed Uni) for a term the version does not have
     */
    public Uni<List<GradedEventRecord>> gradeReport(SymptomReport report, List<GradedEventRecord> earlier) {
        NormalizedObservation asObservation = new NormalizedObservation(report.observationId(), "1", "final",
                report.patientId(), report.assessedAt(), List.of(), null);
        return contextAt(report.patientId(), report.assessedAt()).chain(context -> {
            Grading grading = report.gradeWith(versions.grader(context.ctcaeVersion()));
            return toEvent(asObservation, context, grading, null, earlier).map(List::of);
        });
    }

    /** The grade a report would get, without storing anything; empty for a term the version does not have. */
    public Uni<Optional<Grading>> checkReport(SymptomReport report) {
        return contextAt(report.patientId(), report.assessedAt()).map(context -> {
            CtcaeGrader grader = versions.grader(context.ctcaeVersion());
            return report.checkWith(grader);
        });
    }

    Uni<CourseContext> contextAt(String patientId, Instant at) {
        return CourseRecord.ofPatient(patientId).map(this::toCourses)
                .map(courses -> CourseContext.at(courses, at, clinicZone));
    }

    private Uni<List<GradedEventRecord>> gradeIn(NormalizedObservation observation, CourseContext context,
            List<GradedEventRecord> earlier, KnownRecords known) {
        return baselines(observation, context, known)
                .chain(baselines -> febrileNeutropenia(observation, context, known)
                        .map(combined -> {
                            List<Grading> all = new ArrayList<>(gradings(observation, context, baselines));
                            combined.ifPresent(all::add);
                            return all;
                        })
                        .chain(all -> Multi.createFrom().iterable(all)
                                .onItem().transformToUniAndConcatenate(g -> toEvent(observation, context, g,
                                        baselines.get(g.analyte()), earlier))
                                .collect().asList()));
    }

    /** Stored results regrouped into the observations they came from, in event-time order. */
    static List<NormalizedObservation> observations(List<LabResult> rows) {
        Map<String, List<LabResult>> byObservation = new LinkedHashMap<>();
        rows.forEach(row -> byObservation.computeIfAbsent(row.observationId, id -> new ArrayList<>()).add(row));
        return byObservation.values().stream().map(results -> {
            LabResult first = results.get(0);
            return new NormalizedObservation(first.observationId, first.version, "final", first.patientId,
                    first.effectiveTime, results.stream()
                            .map(r -> new NormalizedObservation.Result(null, r.analyte, r.value, r.unit, r.comparator,
                                    r.lowerLimit, r.upperLimit))
                            .toList(), null);
        }).toList();
    }

    private Uni<Void> storeResults(NormalizedObservation observation, KnownRecords known) {
        return Multi.createFrom().iterable(observation.results())
                .onItem().transformToUniAndConcatenate(result -> {
                    String key = LabResult.key(observation.observationId(), result.analyte());
                    LabResult existing = known.result(key);
                    LabResult row = existing != null ? existing : new LabResult();
                    row.resultKey = key;
                    row.observationId = observation.observationId();
                    row.version = observation.version();
                    row.patientId = observation.patientId();
                    row.analyte = result.analyte();
                    row.effectiveTime = observation.effectiveTime();
                    row.value = result.value();
                    row.unit = result.unit();
                    row.lowerLimit = result.lowerLimit();
                    row.upperLimit = result.upperLimit();
                    row.comparator = result.comparator();
                    known.stored(row);
                    return row.persist();
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** The baselines of the observation's results; {@code known}, when not null, has read the candidates for its batch. */
    private Uni<Map<String, Baseline>> baselines(NormalizedObservation observation, CourseContext context,
            KnownRecords known) {
        Map<String, Baseline> baselines = new HashMap<>();
        if (context.course().isEmpty() || context.baselineSample()) {
            return Uni.createFrom().item(baselines);
        }
        TreatmentCourse course = context.course().get();
        return Multi.createFrom().iterable(observation.results())
                .onItem().transformToUniAndConcatenate(result -> {
                    Optional<TreatmentCourse.BaselineValue> stated = course.statedBaseline(result.analyte());
                    if (stated.isPresent()) {
                        TreatmentCourse.BaselineValue b = stated.get();
                        baselines.put(result.analyte(), new Baseline(result.analyte(), b.value(), b.upperLimit(), b.effectiveTime()));
                        return Uni.createFrom().voidItem();
                    }
                    String patient = observation.patientId();
                    Instant before = context.firstCycleStart();
                    Uni<LabResult> latest = known != null && known.knowsBaselineOf(patient, result.analyte(), before)
                            ? Uni.createFrom().item(known.latestBefore(patient, result.analyte(), before))
                            : LabResult.latestBefore(patient, result.analyte(), before);
                    return latest
                            .invoke(row -> {
                                if (row != null) {
                                    baselines.put(result.analyte(),
                                            new Baseline(result.analyte(), row.value, row.upperLimit, row.effectiveTime));
                                }
                            })
                            .replaceWithVoid();
                })
                .collect().last()
                .replaceWith(baselines);
    }

    private List<Grading> gradings(NormalizedObservation observation, CourseContext context, Map<String, Baseline> baselines) {
        List<Measurement> measurements = observation.results().stream()
                .map(r -> new Measurement(r.analyte(), r.value(), r.unit(), r.lowerLimit(), r.upperLimit()))
                .toList();
        CtcaeGrader grader = versions.grader(context.ctcaeVersion());
        return grader.grade(new GradingRequest(measurements, baselines, context.baselineSample())).stream()
                .map(g -> observation.results().stream()
                        .filter(r -> r.analyte().equals(g.analyte()) && r.comparator() != null)
                        .findFirst()
                        .map(r -> CensoredValues.adjust(g, r.comparator(), grader))
                        .orElse(g))
                .toList();
    }

    /** Febrile neutropenia when this observation brings an ANC or a temperature and the window holds the other. */
    Uni<Optional<Grading>> febrileNeutropenia(NormalizedObservation observation, CourseContext context) {
        return febrileNeutropenia(observation, context, null);
    }

    /** {@code known}, when not null, has read the results of its batch's pairing windows. */
    private Uni<Optional<Grading>> febrileNeutropenia(NormalizedObservation observation, CourseContext context,
            KnownRecords known) {
        boolean relevant = pairsForFever(observation);
        CtcaeGrader grader = versions.grader(context.ctcaeVersion());
        if (!relevant || grader.term(FEBRILE_NEUTROPENIA).isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Instant at = observation.effectiveTime();
        Instant from = at.minus(pairingWindow);
        Instant to = at.plus(pairingWindow);
        String patient = observation.patientId();
        boolean fromBatch = known != null && known.knowsResultsWithin(patient, from, to);
        return between(patient, FebrileNeutropeniaPairing.NEUTROPHILS, from, to, fromBatch ? known : null)
                .chain(neutrophils -> between(patient, FebrileNeutropeniaPairing.BODY_TEMPERATURE, from, to,
                        fromBatch ? known : null)
                        .map(temperatures -> FebrileNeutropeniaPairing.pair(at, neutrophils, temperatures, pairingWindow)
                                .map(pairing -> {
                                    Grading g = grader.gradeTerm(FEBRILE_NEUTROPENIA, pairing.request());
                                    return new Grading(g.term(), g.ctcaeVersion(), g.grade(), g.status(), g.analyte(),
                                            g.value(), g.unit(), g.lowerLimit(), g.upperLimit(), g.baseline(), g.band(),
                                            g.explanation() + " " + pairing.explanation());
                                })));
    }

    private static Uni<List<LabResult>> between(String patient, String analyte, Instant from, Instant to,
            KnownRecords known) {
        return known != null ? Uni.createFrom().item(known.within(patient, analyte, from, to))
                : LabResult.between(patient, analyte, from, to);
    }

    private Uni<GradedEventRecord> toEvent(NormalizedObservation observation, CourseContext context, Grading grading,
            Baseline baselineUsed, List<GradedEventRecord> earlier) {
        UUID eventId = UUID.nameUUIDFromBytes(String.join("|", "graded-adverse-event", observation.observationId(),
                observation.version(), grading.term(), grading.ctcaeVersion()).getBytes(StandardCharsets.UTF_8));
        return toEvent(observation, context, grading, baselineUsed, earlier, eventId, null);
    }

    /**
     * Records a grading as the current event for its observation and term, superseding the one that stood.
     *
     * @param promptedBy the input (observation id|version) that caused it when that is another observation, else null
     */
    Uni<GradedEventRecord> toEvent(NormalizedObservation observation, CourseContext context, Grading grading,
            Baseline baselineUsed, List<GradedEventRecord> earlier, UUID eventId, String promptedBy) {
        CtcaeGrader grader = versions.grader(grading.ctcaeVersion());
        // the event this one replaces: the current one for the same term (under either version's name)
        Optional<GradedEventRecord> previous = earlier.stream()
                .filter(r -> r.isCurrent() && !r.eventId.equals(eventId) && sameTerm(grader, r.term, grading.term()))
                .findFirst();
        GradedEventRecord row = earlier.stream().filter(r -> r.eventId.equals(eventId)).findFirst().orElse(null);
        if (row == null) {
            row = record(new GradedAdverseEvent(
                    eventId,
                    observation.observationId(),
                    observation.version(),
                    observation.patientId(),
                    context.course().map(TreatmentCourse::courseId).orElse(null),
                    context.cycleNumber(),
                    observation.effectiveTime(),
                    grading.ctcaeVersion(),
                    grading.term(),
                    grading.grade(),
                    grading.status().name(),
                    grading.analyte(),
                    grading.value(),
                    grading.unit(),
                    grading.lowerLimit(),
                    grading.upperLimit(),
                    patientBaseline(baselineUsed, grading),
                    band(grading.band()),
                    grading.explanation(),
                    previous.map(p -> p.eventId).orElse(null),
                    null));
            row.promptedBy = promptedBy;
        } else {
            row.supersededBy = null; // graded this very way before (e.g. back to an earlier CTCAE version)
        }
        GradedEventRecord toStore = row;
        Uni<Void> retirePrevious = previous
                .map(p -> {
                    p.supersededBy = eventId;
                    return p.persist().replaceWithVoid();
                })
                .orElse(Uni.createFrom().voidItem());
        return retirePrevious.chain(() -> toStore.persist()).replaceWith(toStore);
    }

    private static boolean sameTerm(CtcaeGrader grader, String storedTerm, String term) {
        return grader.term(storedTerm).map(t -> t.term().equals(term)).orElse(storedTerm.equalsIgnoreCase(term));
    }

    private static GradedAdverseEvent.PatientBaseline patientBaseline(Baseline baseline, Grading grading) {
        if (baseline == null) {
            return null;
        }
        // the baseline sample's own ULN decides whether it was abnormal; without one, today's ULN stands in
        BigDecimal upperLimit = baseline.upperLimit() != null ? baseline.upperLimit() : grading.upperLimit();
        boolean abnormal = upperLimit != null && baseline.value().compareTo(upperLimit) > 0;
        return new GradedAdverseEvent.PatientBaseline(baseline.value(), grading.unit(), upperLimit, baseline.effectiveTime(),
                abnormal, grading.baseline() != null);
    }

    GradedEventRecord record(GradedAdverseEvent event) {
        GradedEventRecord row = new GradedEventRecord();
        row.eventId = event.eventId();
        row.observationId = event.observationId();
        row.observationVersion = event.observationVersion();
        row.patientId = event.patientId();
        row.term = event.term();
        row.ctcaeVersion = event.ctcaeVersion();
        row.grade = event.grade();
        row.status = event.status();
        row.effectiveTime = event.effectiveTime();
        row.event = toJson(event);
        row.recordedAt = Instant.now();
        return row;
    }

    private static GradedAdverseEvent.Band band(GradeBand band) {
        return band == null ? null
                : new GradedAdverseEvent.Band(band.grade(), band.lower(), band.lowerInclusive(), band.upper(),
                        band.upperInclusive(), band.basis(), band.nciText());
    }

    private List<TreatmentCourse> toCourses(List<CourseRecord> rows) {
        return rows.stream().map(row -> {
            try {
                return json.readValue(row.course, TreatmentCourse.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored course " + row.courseId + " is unreadable", e);
            }
        }).toList();
    }

    String toJson(GradedAdverseEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a graded event", e);
        }
    }

    /**
     * Where an observation sits in the patient's treatment: the course running on its date (or, before any course starts,
     * the upcoming one, for which it is a baseline sample) and the cycle number.
     */
    record CourseContext(Optional<TreatmentCourse> course, boolean baselineSample, Integer cycleNumber, Instant firstCycleStart) {

        String ctcaeVersion() {
            return course.map(TreatmentCourse::ctcaeVersion).orElse("5.0");
        }

        static CourseContext at(List<TreatmentCourse> courses, Instant effectiveTime, ZoneId zone) {
            LocalDate date = effectiveTime.atZone(zone).toLocalDate();
            TreatmentCourse running = null;
            TreatmentCourse upcoming = null;
            for (TreatmentCourse course : courses) {
                LocalDate start = course.firstCycle().orElseThrow().plannedStart();
                if (!start.isAfter(date)) {
                    running = course;
                } else if (upcoming == null) {
                    upcoming = course;
                }
            }
            if (running != null) {
                Instant firstStart = running.firstCycle().orElseThrow().plannedStart().atStartOfDay(zone).toInstant();
                Integer cycle = running.cycleOn(date).map(TreatmentCourse.PlannedCycle::number).orElse(null);
                return new CourseContext(Optional.of(running), false, cycle, firstStart);
            }
            if (upcoming != null) {
                Instant firstStart = upcoming.firstCycle().orElseThrow().plannedStart().atStartOfDay(zone).toInstant();
                return new CourseContext(Optional.of(upcoming), true, null, firstStart);
            }
            return new CourseContext(Optional.empty(), false, null, null);
        }
    }
}
