package org.toxwatch.grader.grading;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.grader.messaging.RefusedInput;
import org.toxwatch.grader.observation.LabResult;
import org.toxwatch.grader.observation.NormalizedObservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The lab declared a result entered in error. Every event that stands on it is withdrawn by a RETRACTED event that
 * names it (in {@code retracts} and {@code supersedes}); its stored values are forgotten, so no baseline, pairing or
 * re-grade reads them again. A febrile neutropenia of another observation that may have been formed with it is formed
 * again without it: withdrawn when the window no longer holds both an ANC and a temperature, superseded when the pairing
 * changed, left alone when the retracted result did not count (not the nearest ANC, not the hottest reading nor part of
 * the fever run).
 * <p>
 * Every id is derived from the event withdrawn or re-paired and the retraction's observation version, so a replay
 * records the same events. Runs inside the caller's transaction, one session call after another.
 */
@ApplicationScoped
public class ObservationRetraction {

    private final ObservationGrading grading;
    private final ObjectMapper json;
    private final Duration pairingWindow;

    public ObservationRetraction(ObservationGrading grading, ObjectMapper json,
            @ConfigProperty(name = "toxwatch.febrile-neutropenia.pairing-window") Duration pairingWindow) {
        this.grading = grading;
        this.json = json;
        this.pairingWindow = pairingWindow;
    }

    /** A retraction of an observation this grader never graded (for that patient): there is nothing to take back. */
    public static final class UnknownObservation extends RefusedInput {

        public static final String REASON = "RETRACTS_UNKNOWN_OBSERVATION";

        UnknownObservation(String detail) {
            super(REASON, detail);
        }
    }

    /**
     * Withdraws what stands on the retracted observation and re-pairs the febrile neutropenia around it; returns the new
     * events in the order to publish them. Empty when the observation was already retracted.
     *
     * @throws UnknownObservation (as a failed Uni) when no event of the observation is known for the patient
     */
    public Uni<List<GradedEventRecord>> retract(NormalizedObservation retraction) {
        String observationId = retraction.observationId();
        return GradedEventRecord.ofObservation(observationId).chain(events -> {
            if (events.isEmpty() || events.stream().anyMatch(e -> !e.patientId.equals(retraction.patientId()))) {
                return Uni.createFrom().failure(new UnknownObservation("observation " + observationId
                        + " is entered-in-error, but no graded event of it is known for patient " + retraction.patientId()));
            }
            // newest first from the query; withdrawn oldest first, in the order they were graded
            List<GradedEventRecord> standing = new ArrayList<>(events.stream()
                    .filter(e -> e.isCurrent() && !e.isRetraction()).toList());
            Collections.reverse(standing);
            return LabResult.ofObservation(observationId)
                    .chain(results -> LabResult.forget(observationId)
                            .chain(() -> Multi.createFrom().iterable(standing)
                                    .onItem().transformToUniAndConcatenate(e -> withdraw(e, retraction.version(), retraction,
                                            ownExplanation(read(e), retraction), null))
                                    .collect().asList())
                            .chain(withdrawn -> rePairAround(retraction, results)
                                    .map(others -> {
                                        List<GradedEventRecord> all = new ArrayList<>(withdrawn);
                                        all.addAll(others);
                                        return all;
                                    })));
        });
    }

    /** A RETRACTED event for one that stood; the withdrawn one now points to it. */
    private Uni<GradedEventRecord> withdraw(GradedEventRecord standing, String observationVersion,
            NormalizedObservation retraction, String explanation, String promptedBy) {
        GradedAdverseEvent old = read(standing);
        UUID eventId = UUID.nameUUIDFromBytes(String.join("|", "graded-adverse-event-retraction",
                standing.eventId.toString(), retraction.observationId(), retraction.version())
                .getBytes(StandardCharsets.UTF_8));
        GradedEventRecord row = grading.record(new GradedAdverseEvent(
                eventId,
                old.observationId(),
                observationVersion,
                old.patientId(),
                old.courseId(),
                old.cycleNumber(),
                old.effectiveTime(),
                old.ctcaeVersion(),
                old.term(),
                null,
                GradedAdverseEvent.RETRACTED,
                old.analyte(),
                null, null, null, null, null, null,
                explanation,
                standing.eventId,
                standing.eventId));
        row.promptedBy = promptedBy;
        standing.supersededBy = eventId;
        return standing.persist().chain(() -> row.persist()).replaceWith(row);
    }

    /**
     * Febrile neutropenia of the other observations whose pairing window held the retracted ANC or temperature, formed
     * again from the results that remain.
     */
    private Uni<List<GradedEventRecord>> rePairAround(NormalizedObservation retraction, List<LabResult> retracted) {
        boolean paired = retracted.stream().anyMatch(r -> FebrileNeutropeniaPairing.NEUTROPHILS.equals(r.analyte)
                || FebrileNeutropeniaPairing.BODY_TEMPERATURE.equals(r.analyte));
        if (!paired) {
            return Uni.createFrom().item(List.of());
        }
        Instant at = retracted.get(0).effectiveTime;
        String promptedBy = GradedEventRecord.inputKey(retraction.observationId(), retraction.version());
        return GradedEventRecord.standingOfTerm(retraction.patientId(), ObservationGrading.FEBRILE_NEUTROPENIA,
                at.minus(pairingWindow), at.plus(pairingWindow))
                .chain(candidates -> Multi.createFrom().iterable(candidates.stream()
                        .filter(c -> !c.isRetraction() && !c.observationId.equals(retraction.observationId()))
                        .toList())
                        .onItem().transformToUniAndConcatenate(c -> rePair(c, retraction, at, promptedBy))
                        .collect().asList())
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private Uni<List<GradedEventRecord>> rePair(GradedEventRecord standing, NormalizedObservation retraction, Instant at,
            String promptedBy) {
        GradedAdverseEvent old = read(standing);
        return LabResult.ofObservation(standing.observationId).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(List.<GradedEventRecord>of());
            }
            NormalizedObservation observation = ObservationGrading.observations(rows).get(0);
            return grading.contextAt(observation.patientId(), observation.effectiveTime())
                    .chain(context -> grading.febrileNeutropenia(observation, context).chain(fresh -> {
                        if (fresh.isEmpty()) {
                            return withdraw(standing, standing.observationVersion, retraction,
                                    unpairedExplanation(old, retraction, at), promptedBy).map(List::of);
                        }
                        Grading g = fresh.get();
                        // the explanation names the ANC, the hottest reading and the fever run the grade was formed from
                        boolean unchanged = Objects.equals(g.grade(), old.grade()) && g.status().name().equals(old.status())
                                && old.explanation().startsWith(g.explanation());
                        if (unchanged) {
                            return Uni.createFrom().item(List.<GradedEventRecord>of());
                        }
                        Grading noted = new Grading(g.term(), g.ctcaeVersion(), g.grade(), g.status(), g.analyte(),
                                g.value(), g.unit(), g.lowerLimit(), g.upperLimit(), g.baseline(), g.band(),
                                g.explanation() + " Paired again without " + retraction.observationId()
                                        + ", which the lab declared entered in error" + when(retraction) + ".");
                        UUID eventId = UUID.nameUUIDFromBytes(String.join("|", "graded-adverse-event-re-paired",
                                standing.eventId.toString(), retraction.observationId(), retraction.version())
                                .getBytes(StandardCharsets.UTF_8));
                        return GradedEventRecord.ofObservation(standing.observationId)
                                .chain(earlier -> grading.toEvent(observation, context, noted, null, earlier, eventId,
                                        promptedBy))
                                .map(List::of);
                    }));
        });
    }

    private static String ownExplanation(GradedAdverseEvent old, NormalizedObservation retraction) {
        return "Retracted: the lab declared " + old.observationId() + " (taken " + old.effectiveTime()
                + ") entered in error" + when(retraction) + ", in version " + retraction.version() + ". "
                + described(old) + ", event " + old.eventId() + ", from version " + old.observationVersion()
                + ") no longer stands and nothing replaces it"
                + (old.value() != null ? "; the value it was read from, " + old.value().toPlainString() + " "
                        + old.unit() + ", must not be used." : ".");
    }

    private String unpairedExplanation(GradedAdverseEvent old, NormalizedObservation retraction, Instant at) {
        return "Retracted: " + described(old) + ", event " + old.eventId() + ") of " + old.observationId()
                + " may have been formed with " + retraction.observationId() + " taken " + at
                + ", which the lab declared entered in error" + when(retraction) + ". Without it, the " + pairingWindow.toHours()
                + " h pairing window around " + old.effectiveTime()
                + " holds no ANC or no body temperature, so no febrile neutropenia can be formed from the results that remain.";
    }

    private static String when(NormalizedObservation retraction) {
        return retraction.issued() != null ? " at " + retraction.issued() : "";
    }

    /** "Neutrophil count decreased grade 3 (CTCAE v5.0" (the caller closes the bracket after adding to it). */
    private static String described(GradedAdverseEvent event) {
        String grade = event.grade() == null ? "not gradable"
                : ("LOWER_BOUND".equals(event.status()) ? "at least grade " : "grade ") + event.grade();
        return event.term() + " " + grade + " (CTCAE v" + event.ctcaeVersion();
    }

    private GradedAdverseEvent read(GradedEventRecord row) {
        try {
            return json.readValue(row.event, GradedAdverseEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored graded event " + row.eventId + " is unreadable", e);
        }
    }
}
