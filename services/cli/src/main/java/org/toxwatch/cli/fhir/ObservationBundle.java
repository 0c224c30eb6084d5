package org.toxwatch.cli.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.toxwatch.cli.grading.InputFileUnreadableException;
import org.toxwatch.cli.grading.LabInput;
import org.toxwatch.cli.grading.LabObservation;
import org.toxwatch.cli.grading.LabReading;
import org.toxwatch.cli.grading.RejectedInput;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a FHIR R4 Bundle and turns each entry into batch input: an Observation into its coded values (the value, or
 * the components of a panel), anything else into a {@link RejectedInput} with the reason.
 *
 * <p>The Bundle envelope is read with Jackson and each entry's resource with HAPI FHIR on its own, so one malformed
 * Observation costs one NOT_GRADABLE line, not the whole file.
 */
public final class ObservationBundle {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String REFERENCE_RANGE_MEANING = "http://terminology.hl7.org/CodeSystem/referencerange-meaning";

    /** As lab ingest: a ward acts on released results only; preliminary and withdrawn ones are not graded. */
    private static final Set<ObservationStatus> GRADED_STATUSES =
            Set.of(ObservationStatus.FINAL, ObservationStatus.AMENDED, ObservationStatus.CORRECTED);

    // decimals stay BigDecimal from the file to HAPI: 1.10 must not pass through a double
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final AnalyteCatalog catalog;

    public ObservationBundle(AnalyteCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * One input per Bundle entry, in entry order.
     *
     * @throws InputFileUnreadableException when the file is not JSON or not a Bundle
     */
    public List<LabInput> read(Reader reader) throws InputFileUnreadableException {
        JsonNode bundle;
        try {
            bundle = JSON.readTree(reader);
        } catch (JsonProcessingException e) {
            throw new InputFileUnreadableException("the file is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputFileUnreadableException("the file cannot be read: " + e.getMessage(), e);
        }
        if (bundle == null || !bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText())) {
            String type = bundle == null ? "nothing" : bundle.path("resourceType").asText("");
            throw new InputFileUnreadableException("the file is not a FHIR Bundle (resourceType '" + type + "')");
        }
        JsonNode entries = bundle.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new InputFileUnreadableException("Bundle.entry is not an array");
        }
        List<LabInput> inputs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            inputs.add(entry(i + 1, entries.get(i)));
        }
        return inputs;
    }

    private LabInput entry(int row, JsonNode entry) {
        String fullUrl = entry.path("fullUrl").asText("");
        JsonNode resource = entry.path("resource");
        if (!resource.isObject()) {
            return new RejectedInput(row, fullUrl, null, "Bundle entry " + row + " has no resource");
        }
        String type = resource.path("resourceType").asText("");
        if (!"Observation".equals(type)) {
            return new RejectedInput(row, resource.path("id").asText(fullUrl), null, "Bundle entry " + row + " is "
                    + (type.isEmpty() ? "a resource without resourceType" : "a " + type) + ", not an Observation");
        }
        Observation observation;
        try {
            IParser parser = fhir.newJsonParser();
            // unknown elements are tolerated (and not logged); a value HAPI cannot read is an error, never dropped
            parser.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
            observation = parser.parseResource(Observation.class, JSON.writeValueAsString(resource));
        } catch (JsonProcessingException | RuntimeException e) {
            return new RejectedInput(row, idOf(resource, fullUrl), null,
                    "the Observation is not valid FHIR R4: " + e.getMessage());
        }
        return observation(row, observation, fullUrl);
    }

    private LabInput observation(int row, Observation observation, String fullUrl) {
        String id = observation.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue)
                .findFirst()
                .orElse(observation.getIdElement().hasIdPart() ? observation.getIdElement().getIdPart() : fullUrl);
        if (!observation.hasStatus()) {
            return new RejectedInput(row, id, null, "the Observation has no status");
        }
        if (!GRADED_STATUSES.contains(observation.getStatus())) {
            return new RejectedInput(row, id, null, "status '" + observation.getStatus().toCode()
                    + "' is not graded; only final, amended and corrected results are");
        }
        Optional<String> code = loinc(observation.getCode());
        if (code.isEmpty()) {
            return new RejectedInput(row, id, null, "Observation.code has no LOINC coding");
        }
        List<LabReading> readings = new ArrayList<>();
        if (observation.hasValue() || !observation.hasComponent()) {
            readings.add(reading(code.get(), observation.getValue(), observation.getDataAbsentReason(),
                    observation.getReferenceRange(), true));
        }
        for (ObservationComponentComponent component : observation.getComponent()) {
            Optional<String> componentCode = loinc(component.getCode());
            readings.add(componentCode.isEmpty()
                    ? LabReading.unusable(null, "a component of " + code.get() + " has no LOINC coding")
                    : reading(componentCode.get(), component.getValue(), component.getDataAbsentReason(),
                    component.getReferenceRange(), false));
        }
        return new LabObservation(row, id, readings);
    }

    /**
     * A value with no number is unusable for a whole Observation; for a component it is simply absent, so that a
     * blood-pressure panel without its diastolic reading still grades from the systolic one, as a lower bound.
     */
    private static LabReading reading(String loinc, Type value, CodeableConcept dataAbsentReason,
                                      List<ObservationReferenceRangeComponent> ranges, boolean wholeObservation) {
        if (value == null || value.isEmpty()
                || value instanceof Quantity q && !q.hasValue() && !q.hasComparator()) {
            if (!wholeObservation) {
                return LabReading.absent(loinc);
            }
            String absent = dataAbsentReason.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode)
                    .findFirst().map(reason -> " (data absent: " + reason + ")").orElse("");
            return LabReading.unusable(loinc, "the Observation has no value" + absent);
        }
        // text results (a dipstick "2+") go to the engine, which reads them by the analyte's own scale
        if (value instanceof StringType text) {
            return LabReading.text(loinc, text.getValue(), null);
        }
        if (value instanceof CodeableConcept concept) {
            Optional<String> text = concept.hasText() ? Optional.of(concept.getText())
                    : concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                    .filter(Objects::nonNull).findFirst();
            return text.map(t -> LabReading.text(loinc, t, null))
                    .orElseGet(() -> LabReading.unusable(loinc, "the coded value has neither text nor a code"));
        }
        if (!(value instanceof Quantity quantity)) {
            return LabReading.unusable(loinc, "the value is a " + value.fhirType() + ", which ToxWatch does not grade");
        }
        if (quantity.hasComparator()) {
            return LabReading.unusable(loinc, "the value is censored (" + quantity.getComparator().toCode()
                    + (quantity.hasValue() ? quantity.getValue().toPlainString() : "") + "), so there is no exact"
                    + " number to grade");
        }
        ObservationReferenceRangeComponent range = ranges.stream()
                .filter(r -> !r.hasType() || r.getType().hasCoding(REFERENCE_RANGE_MEANING, "normal"))
                .findFirst().orElse(null);
        Quantity low = range != null && range.hasLow() && range.getLow().hasValue() ? range.getLow() : null;
        Quantity high = range != null && range.hasHigh() && range.getHigh().hasValue() ? range.getHigh() : null;
        return new LabReading(loinc, quantity.getValue(), null, unitOf(quantity),
                low == null ? null : low.getValue(), low == null ? null : unitOf(low),
                high == null ? null : high.getValue(), high == null ? null : unitOf(high), null);
    }

    /** The UCUM code when the lab coded the unit, else the unit as printed; null when neither is given. */
    private static String unitOf(Quantity quantity) {
        if (UCUM.equals(quantity.getSystem()) && quantity.hasCode()) {
            return quantity.getCode();
        }
        if (quantity.hasUnit()) {
            return quantity.getUnit();
        }
        return quantity.hasCode() ? quantity.getCode() : null;
    }

    /** The LOINC code ToxWatch knows, when the concept has several codings; else the first LOINC code. */
    private Optional<String> loinc(CodeableConcept concept) {
        List<String> codes = concept.getCoding().stream()
                .filter(c -> LOINC.equals(c.getSystem()) && c.hasCode())
                .map(c -> c.getCode().trim())
                .toList();
        return codes.stream()
                .filter(code -> catalog.byLoinc(code).isPresent() || catalog.panelByLoinc(code).isPresent())
                .findFirst()
                .or(() -> codes.stream().findFirst());
    }

    private static String idOf(JsonNode resource, String fullUrl) {
        for (JsonNode identifier : resource.path("identifier")) {
            if (identifier.path("value").isTextual()) {
                return identifier.path("value").asText();
            }
        }
        return resource.path("id").asText(fullUrl);
    }
}
