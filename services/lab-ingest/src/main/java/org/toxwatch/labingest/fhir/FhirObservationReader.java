package org.toxwatch.labingest.fhir;

import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.INVALID_VALUE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MALFORMED_JSON;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MISSING_FIELD;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.NOT_AN_OBSERVATION;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNKNOWN_CODE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNSUPPORTED_STATUS;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.toxwatch.labingest.normalization.PlausibilityCheck;
import org.toxwatch.labingest.normalization.QuotedInput;
import org.toxwatch.labingest.normalization.RejectedObservation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/** Reads FHIR R4 Observation JSON with HAPI FHIR and keeps what grading needs. */
@ApplicationScoped
public class FhirObservationReader {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";

    /** Preliminary results are not graded (a ward acts on finals); entered-in-error retracts a result sent before. */
    private static final Set<ObservationStatus> GRADABLE_STATUSES =
            Set.of(ObservationStatus.FINAL, ObservationStatus.CORRECTED, ObservationStatus.AMENDED);

    /** A blood-pressure panel has two; more than this is not a lab panel, and its message would outgrow the topic. */
    static final int MAX_COMPONENTS = 20;

    /**
     * HAPI's default handling (lenient, but an invalid value fails the parse) without its log lines: those quote
     * references and values from anywhere in the resource, a contained Patient's included. The elements ToxWatch reads
     * are checked by {@link ObservationJsonScreen}; what HAPI tolerates elsewhere does not touch grading.
     */
    private static final LenientErrorHandler QUIETLY_LENIENT = new LenientErrorHandler(false);

    // FhirContext is expensive to build and thread-safe; parsers are cheap and not thread-safe.
    private final FhirContext fhir = FhirContext.forR4Cached();
    // only for the plausibility of the sample time; grading never reads the clock
    private final Clock clock;

    public FhirObservationReader() {
        this(Clock.systemUTC());
    }

    public FhirObservationReader(Clock clock) {
        this.clock = clock;
    }

    public LabReport read(String json) {
        Observation observation = parse(json);

        Identifier identifier = observation.getIdentifier().stream()
                .filter(Identifier::hasValue)
                .findFirst()
                .orElseThrow(() -> new RejectedObservation(MISSING_FIELD, "Observation.identifier with a value is required"));
        if (!observation.hasStatus()) {
            throw new RejectedObservation(MISSING_FIELD, "Observation.status is required");
        }
        if (observation.getStatus() == ObservationStatus.ENTEREDINERROR) {
            String patientId = patientId(observation);
            checkIds(identifier, observation, patientId);
            return retraction(identifier, observation, patientId);
        }
        if (!GRADABLE_STATUSES.contains(observation.getStatus())) {
            throw new RejectedObservation(UNSUPPORTED_STATUS, "status '" + observation.getStatus().toCode()
                    + "' is not graded (final, corrected or amended; entered-in-error retracts an earlier result)");
        }
        String patientId = patientId(observation);
        checkIds(identifier, observation, patientId);
        if (!observation.hasEffectiveDateTimeType() || observation.getEffectiveDateTimeType().getValue() == null) {
            throw new RejectedObservation(MISSING_FIELD, "Observation.effectiveDateTime is required");
        }
        PlausibilityCheck.fullDateTime(observation.getEffectiveDateTimeType().getValueAsString(), "effectiveDateTime");
        PlausibilityCheck.sampleTime(observation.getEffectiveDateTimeType().getValue().toInstant(), Instant.now(clock));
        String code = loinc(observation.getCode())
                .orElseThrow(() -> new RejectedObservation(UNKNOWN_CODE, "Observation.code has no LOINC coding"));

        List<LabReport.ReportedResult> results = new ArrayList<>();
        if (observation.hasComponent()) {
            if (observation.getComponent().size() > MAX_COMPONENTS) {
                throw new RejectedObservation(INVALID_VALUE, "Observation has " + observation.getComponent().size()
                        + " components; a panel has at most " + MAX_COMPONENTS);
            }
            for (ObservationComponentComponent component : observation.getComponent()) {
                String componentCode = loinc(component.getCode())
                        .orElseThrow(() -> new RejectedObservation(UNKNOWN_CODE, "a component of " + code + " has no LOINC coding"));
                results.add(result(componentCode, component.getValue(), component.getReferenceRange()));
            }
        } else {
            results.add(result(code, observation.getValue(), observation.getReferenceRange()));
        }

        return new LabReport(
                identifier.getSystem(),
                identifier.getValue(),
                version(observation),
                observation.getStatus().toCode(),
                patientId,
                observation.getEffectiveDateTimeType().getValue().toInstant(),
                null,
                code,
                List.copyOf(results));
    }

    /**
     * The lab withdraws a result it sent. Only which result it was matters: its values are known to be wrong, so they
     * are not read (a retraction with an unreadable value or unit is still a retraction). The sample time, when sent, is
     * kept for the record; lab-ingest takes the retracted result's own time from what it received before.
     */
    private LabReport retraction(Identifier identifier, Observation observation, String patientId) {
        boolean timed = observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null;
        return new LabReport(
                identifier.getSystem(),
                identifier.getValue(),
                version(observation),
                observation.getStatus().toCode(),
                patientId,
                timed ? observation.getEffectiveDateTimeType().getValue().toInstant() : null,
                observation.hasIssued() ? observation.getIssued().toInstant() : null,
                loinc(observation.getCode()).orElse(null),
                List.of());
    }

    /** The ids are stored and keyed on: bounded and printable, or the record could be published but not stored. */
    private static void checkIds(Identifier identifier, Observation observation, String patientId) {
        String observationId = identifier.getSystem() == null ? identifier.getValue()
                : identifier.getSystem() + "|" + identifier.getValue();
        PlausibilityCheck.id(observationId, PlausibilityCheck.MAX_OBSERVATION_ID_LENGTH, "Observation.identifier (system|value)");
        PlausibilityCheck.id(version(observation), PlausibilityCheck.MAX_VERSION_LENGTH, "Observation.meta.versionId");
        PlausibilityCheck.id(patientId, PlausibilityCheck.MAX_PATIENT_ID_LENGTH, "the patient id in Observation.subject");
    }

    private Observation parse(String json) {
        if (json == null || json.isBlank()) {
            throw new RejectedObservation(MALFORMED_JSON, "empty message");
        }
        ObservationJsonScreen.screen(json);
        IParser parser = fhir.newJsonParser().setParserErrorHandler(QUIETLY_LENIENT);
        try {
            return parser.parseResource(Observation.class, json);
        } catch (DataFormatException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Incorrect resource type") || message.contains("resourceType")) {
                throw new RejectedObservation(NOT_AN_OBSERVATION,
                        QuotedInput.redacted(message, fhir.getResourceTypes()));
            }
            throw new RejectedObservation(MALFORMED_JSON, QuotedInput.redacted(message));
        } catch (RuntimeException e) {
            throw new RejectedObservation(MALFORMED_JSON, e.getClass().getSimpleName() + ": "
                    + QuotedInput.redacted(e.getMessage()));
        }
    }

    private static String patientId(Observation observation) {
        String reference = observation.getSubject().getReference();
        if (reference == null || reference.isBlank()) {
            throw new RejectedObservation(MISSING_FIELD, "Observation.subject.reference is required");
        }
        // "Patient/p-7f3a" -> "p-7f3a": the pseudonym is the record key downstream
        int slash = reference.lastIndexOf('/');
        String id = slash >= 0 ? reference.substring(slash + 1) : reference;
        if (id.isBlank()) {
            throw new RejectedObservation(MISSING_FIELD, "Observation.subject.reference has no id: " + reference);
        }
        if (namesAnIdentifierOfThePatient(observation, id)) {
            // the id would become the record key and sit in every graded event and alert; the reason does not repeat it
            throw new RejectedObservation(INVALID_VALUE, "Observation.subject.reference is one of the patient's own"
                    + " identifiers (subject.identifier or a contained Patient's), such as an MRN; ToxWatch takes the"
                    + " pseudonym the integration assigns");
        }
        return id;
    }

    /** Whether the message itself says the id is an identifier of the patient (an MRN, a national number). */
    private static boolean namesAnIdentifierOfThePatient(Observation observation, String id) {
        if (id.equals(observation.getSubject().getIdentifier().getValue())) {
            return true;
        }
        return observation.getContained().stream()
                .filter(Patient.class::isInstance)
                .flatMap(patient -> ((Patient) patient).getIdentifier().stream())
                .anyMatch(identifier -> id.equals(identifier.getValue()));
    }

    private static String version(Observation observation) {
        if (observation.getMeta().hasVersionId()) {
            return observation.getMeta().getVersionId();
        }
        if (observation.getMeta().hasLastUpdated()) {
            return observation.getMeta().getLastUpdatedElement().getValueAsString();
        }
        return observation.getStatus().toCode();
    }

    private static java.util.Optional<String> loinc(CodeableConcept concept) {
        return concept.getCoding().stream()
                .filter(c -> LOINC.equals(c.getSystem()) && c.hasCode())
                .map(Coding::getCode)
                .findFirst();
    }

    private static LabReport.ReportedResult result(String loinc, Type value, List<ObservationReferenceRangeComponent> ranges) {
        ObservationReferenceRangeComponent range = ranges.isEmpty() ? null : ranges.get(0);
        Quantity low = range != null && range.hasLow() && range.getLow().hasValue() ? range.getLow() : null;
        Quantity high = range != null && range.hasHigh() && range.getHigh().hasValue() ? range.getHigh() : null;
        if (low != null) {
            PlausibilityCheck.limit(low.getValue(), "referenceRange.low of " + loinc);
        }
        if (high != null) {
            PlausibilityCheck.limit(high.getValue(), "referenceRange.high of " + loinc);
        }
        BigDecimal lowValue = low == null ? null : low.getValue();
        String lowUnit = low == null ? null : unit(low);
        BigDecimal highValue = high == null ? null : high.getValue();
        String highUnit = high == null ? null : unit(high);

        // ordinal results (a urine dipstick "2+") come as text or a coded concept
        String text = text(value);
        if (text != null) {
            return new LabReport.ReportedResult(loinc, null, text, null, null, lowValue, lowUnit, highValue, highUnit);
        }
        if (!(value instanceof Quantity quantity) || !quantity.hasValue()) {
            throw new RejectedObservation(MISSING_FIELD, "a value (valueQuantity.value, valueString or valueCodeableConcept) is required for " + loinc);
        }
        BigDecimal number = quantity.getValue();
        // before anything writes the number out: 1e999999999 is a billion digits
        PlausibilityCheck.number(number, "the value of " + loinc);
        if (number.signum() < 0) {
            throw new RejectedObservation(INVALID_VALUE, "negative value " + number.toPlainString() + " for " + loinc);
        }
        String comparator = quantity.hasComparator() ? quantity.getComparator().toCode() : null;
        return new LabReport.ReportedResult(loinc, number, null, comparator, unit(quantity), lowValue, lowUnit, highValue,
                highUnit);
    }

    private static String text(Type value) {
        if (value instanceof StringType string && string.hasValue()) {
            return string.getValue();
        }
        if (value instanceof CodeableConcept concept) {
            if (concept.hasText()) {
                return concept.getText();
            }
            return concept.getCoding().stream()
                    .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                    .filter(t -> t != null && !t.isBlank())
                    .findFirst().orElse(null);
        }
        return null;
    }

    /** The UCUM code when the lab states the UCUM system, otherwise the human unit string it printed. */
    private static String unit(Quantity quantity) {
        if (UCUM.equals(quantity.getSystem()) && quantity.hasCode()) {
            return quantity.getCode();
        }
        if (quantity.hasUnit()) {
            return quantity.getUnit();
        }
        return quantity.hasCode() ? quantity.getCode() : null;
    }
}
