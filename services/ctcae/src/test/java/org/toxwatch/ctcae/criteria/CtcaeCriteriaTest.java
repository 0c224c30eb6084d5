package org.toxwatch.ctcae.criteria;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.SharedReference;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CtcaeCriteriaTest {

    /** Issue #3 item 2, in NCI's exact wording. */
    private static final List<String> V5_TERMS = List.of(
            "Neutrophil count decreased",
            "Platelet count decreased",
            "White blood cell decreased",
            "Lymphocyte count decreased",
            "Anemia",
            "Aspartate aminotransferase increased",
            "Alanine aminotransferase increased",
            "Blood bilirubin increased",
            "Alkaline phosphatase increased",
            "GGT increased",
            "Creatinine increased",
            "Hypoalbuminemia",
            "Proteinuria",
            "Hypertension",
            "Febrile neutropenia",
            "Nausea",
            "Vomiting",
            "Diarrhea",
            "Fatigue",
            "Abdominal pain",
            "Fever",
            "Palmar-plantar erythrodysesthesia syndrome",
            "Peripheral sensory neuropathy",
            "Rash maculo-papular",
            "Anorexia");

    private static final List<String> SYMPTOM_TERMS = List.of("Nausea", "Vomiting", "Diarrhea", "Fatigue",
            "Abdominal pain", "Palmar-plantar erythrodysesthesia syndrome", "Peripheral sensory neuropathy",
            "Rash maculo-papular", "Anorexia");

    @Test
    void version5LoadsWithTheRequiredTermsUnderNcisExactNames() {
        CtcaeCriteria criteria = CtcaeCriteria.forVersion("5.0");
        assertEquals("5.0", criteria.version());
        assertEquals(V5_TERMS, criteria.terms().stream().map(TermCriteria::term).toList());
        assertTrue(CtcaeCriteria.knownVersions().contains("5.0"));
    }

    @Test
    void symptomTermsAreGradedFromAReportedGradeAndTheRestFromValues() {
        for (TermCriteria term : CtcaeCriteria.forVersion("5.0").terms()) {
            boolean symptom = SYMPTOM_TERMS.contains(term.term());
            assertEquals(symptom ? GradedBy.REPORTED_GRADE : GradedBy.VALUES, term.gradedBy(), term.term());
            assertEquals(symptom, term.bandSets().isEmpty(), term.term());
        }
    }

    @Test
    void proteinuriaReadsTheTwentyFourHourCollectionBeforeTheDipstick() {
        TermCriteria proteinuria = CtcaeCriteria.forVersion("5.0").term("Proteinuria").orElseThrow();
        assertEquals(AnalyteJoin.FIRST_REPORTED, proteinuria.join());
        assertEquals(List.of("URINE_PROTEIN_24H", "URINE_PROTEIN_DIPSTICK"), proteinuria.analytes());
    }

    @Test
    void febrileNeutropeniaNeedsAncWithATemperature() {
        TermCriteria fn = CtcaeCriteria.forVersion("5.0").term("Febrile neutropenia").orElseThrow();
        assertEquals(AnalyteJoin.BOTH, fn.join());
        assertEquals(List.of("NEUTROPHILS", "BODY_TEMPERATURE"), fn.analytes());
        assertEquals(List.of(4, 5), fn.clinicalOnlyGrades());
        // the sustained-temperature route needs more than one hour
        BandSet temperature = fn.bandSetsFor("BODY_TEMPERATURE").get(0);
        assertEquals(1, temperature.bands().stream().filter(BandDefinition::needsDuration).count());
    }

    @Test
    void creatinineHasAnUnconditionalBaselineClauseBesideItsUlnBands() {
        TermCriteria creatinine = CtcaeCriteria.forVersion("5.0").term("Creatinine increased").orElseThrow();
        assertTrue(creatinine.bandSetFor("CREATININE", BandSetCondition.ALWAYS).isPresent());
        BandSet baseline = creatinine.bandSetFor("CREATININE", BandSetCondition.BASELINE_AVAILABLE).orElseThrow();
        assertEquals("A5", baseline.reading());
        assertTrue(baseline.usesBaseline());
    }

    @Test
    void hemoglobinBoundsWrittenInMmolPerLitreAreConvertedAtLoad() {
        // CRITERIA.md A2: NCI's 6.2 mmol/L is 99.9099 g/L with the catalog's molar mass (16114.5 g/mol)
        TermCriteria anemia = CtcaeCriteria.forVersion("5.0").term("Anemia").orElseThrow();
        BandSet mmol = anemia.bandSetsFor("HEMOGLOBIN").stream().filter(set -> "mmol/L".equals(set.unit()))
                .findFirst().orElseThrow();
        BandDefinition grade2 = mmol.bands().stream().filter(band -> band.grade() == 2).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("99.9099").compareTo(grade2.upper().value()));
        assertEquals(0, new BigDecimal("78.96105").compareTo(grade2.lower().value()));
    }

    @Test
    void termsAreFoundInAnyCaseAndByTheirVersion6NameWhereNciLinksThem() {
        CtcaeCriteria criteria = CtcaeCriteria.forVersion("5.0");
        assertEquals("Anemia", criteria.term("ANEMIA").orElseThrow().term());
        assertEquals("Platelet count decreased", criteria.term("thrombocytopenia").orElseThrow().term());
        assertEquals("Proteinuria", criteria.term("Urinary protein increased").orElseThrow().term());
        assertEquals("Lymphocyte count decreased", criteria.term("Lymphopenia").orElseThrow().term());
        assertTrue(criteria.term("Hyperkalemia").isEmpty());
    }

    @Test
    void everyOtherNameIsOneNcisMappingGivesTheTerm() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v5_to_v6_mapping_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v5_to_v6_mapping_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        for (TermCriteria term : CtcaeCriteria.forVersion("5.0").terms()) {
            for (String other : term.alsoNamed()) {
                assertTrue(rows.stream().anyMatch(row -> row.get("CTCAE v5.0 MedDRA 20.1 Term").equals(term.term())
                                && row.get("CTCAE v6.0 MedDRA 28.0 Term").equals(other)),
                        term.term() + " -> " + other + " is not in NCI's mapping");
            }
        }
    }

    @Test
    void unknownVersionNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CtcaeCriteria.forVersion("4.03"));
        assertTrue(e.getMessage().contains("4.03"), e.getMessage());
        assertTrue(e.getMessage().contains("5.0"), e.getMessage());
    }

    @Test
    void hypertensionReadsBothComponentsAndCapsAtGrade3() {
        TermCriteria hypertension = CtcaeCriteria.forVersion("5.0").term("Hypertension").orElseThrow();
        assertEquals(List.of("SYSTOLIC_BP", "DIASTOLIC_BP"), hypertension.analytes());
        assertEquals(3, hypertension.highestBandedGrade());
        assertEquals(List.of(4, 5), hypertension.clinicalOnlyGrades());
    }

    @Test
    void transaminasesCarryASecondBandSetForAnAbnormalBaseline() {
        CtcaeCriteria criteria = CtcaeCriteria.forVersion("5.0");
        for (String name : List.of("Aspartate aminotransferase increased", "Alanine aminotransferase increased")) {
            TermCriteria term = criteria.term(name).orElseThrow();
            assertEquals(Direction.INCREASED, term.direction());
            String analyte = term.analytes().get(0);
            assertTrue(term.dependsOnBaseline(analyte));
            BandSet abnormal = term.bandSetFor(analyte, BandSetCondition.BASELINE_ABOVE_ULN).orElseThrow();
            BandDefinition grade1 = abnormal.leastSevere();
            // "1.5 - 3.0 x baseline" has no comparator, so 1.5 x baseline itself is inside (CRITERIA.md 2.1)
            assertEquals(Reference.BASELINE, grade1.lower().multipleOf());
            assertTrue(grade1.lower().inclusive());
            assertTrue(term.bandSetFor(analyte, BandSetCondition.BASELINE_NOT_ABOVE_ULN).isPresent());
        }
    }

    @Test
    void everyNciTextIsVerbatimFromNcisV5Sheet() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v5_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v5_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        for (TermCriteria term : CtcaeCriteria.forVersion("5.0").terms()) {
            Map<String, String> row = rows.stream()
                    .filter(r -> r.get("CTCAE v5.0 Term").equals(term.term())).findFirst()
                    .orElseThrow(() -> new AssertionError("no NCI row for " + term.term()));
            assertEquals(row.get("CTCAE v5.0 MedDRA 20.1 LLT Code"), term.meddraCode(), term.term());
            assertEquals(row.get("CTCAE v5.0 SOC"), term.soc(), term.term());
            for (int grade = 1; grade <= 5; grade++) {
                String nci = row.get("Grade " + grade);
                String ours = term.nciText().get(grade);
                if (nci.equals("-")) {
                    assertEquals(null, ours, term.term() + " grade " + grade + " has no NCI text");
                } else {
                    assertEquals(nci, ours, term.term() + " grade " + grade);
                }
            }
            for (BandSet set : term.bandSets()) {
                for (BandDefinition band : set.bands()) {
                    assertNotNull(band.nciText());
                    assertTrue(row.get("Grade " + band.grade()).contains(band.nciText()),
                            term.term() + " grade " + band.grade() + ": " + band.nciText());
                }
            }
        }
    }

    @Test
    void aMinimalFileLoads() {
        CtcaeCriteria criteria = CtcaeCriteria.load("ctcae/minimal-valid.yaml", AnalyteCatalog.standard());
        assertEquals("9.9", criteria.version());
        // a band without its own text takes the whole grade text
        assertEquals("<1500/mm3", criteria.terms().get(0).bandSets().get(0).bands().get(1).nciText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing-direction.yaml          | no direction; give one on the term or on the band set",
            "unknown-direction.yaml          | /terms/0/direction",
            "value-and-multiple.yaml         | /terms/0/bandSets/0/bands/0/upper",
            "bound-not-a-number.yaml         | /terms/0/bandSets/0/bands/0/lower/value",
            "grade-six.yaml                  | /terms/0/bandSets/0/bands/1/grade",
            "unknown-property.yaml           | inclusiv",
            "duplicate-key.yaml              | Duplicate field 'soc'",
            "not-yaml.yaml                   | is not valid YAML",
            "duplicate-grade.yaml            | grade 1: grade appears twice",
            "unknown-analyte.yaml            | unknown analyte NEUTROPHILZ",
            "overlapping-bands.yaml          | must belong to exactly one of the two bands",
            "gap-between-bands.yaml          | bands do not meet at one cut-off",
            "band-text-not-nci.yaml          | is not part of NCI's grade text",
            "grade-without-nci-text.yaml     | no NCI text for this grade",
            "baseline-multiple-without-baseline.yaml | multiples of baseline cannot be used in a band set that also applies without a baseline",
            "half-baseline-conditions.yaml   | no band set applies when there is no baseline",
            "reported-term-with-bands.yaml   | a term graded from a reported grade has no band sets",
            "values-term-without-bands.yaml  | a term graded from values needs band sets",
            "name-used-twice.yaml            | is used by both 'Platelet count decreased' and 'Neutrophil count decreased'",
            "both-with-one-analyte.yaml      | join BOTH needs at least two analytes",
            "unconvertible-unit.yaml         | bound 1.5 mmol/L cannot be converted to 10*9/L",
            "two-plain-bands-one-grade.yaml  | grade 3: grade appears twice",
            "duration-not-positive.yaml      | /terms/0/bandSets/0/bands/1/persisting/moreThanHours",
            "allof-with-one-edge.yaml        | /terms/0/bandSets/0/bands/0/lower",
            "does-not-exist.yaml             | not found on the classpath",
    })
    void brokenCriteriaFilesFailLoudlyAtLoad(String file, String expectedProblem) {
        String resource = "ctcae/broken/" + file;
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> CtcaeCriteria.load(resource, AnalyteCatalog.standard()));
        assertEquals(resource, e.resource());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
    }
}
