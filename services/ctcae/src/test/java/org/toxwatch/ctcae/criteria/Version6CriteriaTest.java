package org.toxwatch.ctcae.criteria;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.SharedReference;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CTCAE v6.0 criteria file: the same 25 terms as v5.0 under v6.0's names, NCI's clean-copy text (errata of
 * 2026-01-20 applied) word for word, and a file that breaks a v6 cut-off or drops a baseline case refused at load.
 */
class Version6CriteriaTest {

    private static final String V6_FILE = "ctcae/ctcae-v6.0.yaml";

    /** Issue #3 item 3: the v5.0 terms as v6.0 names them, in the v5.0 file's order. */
    private static final List<String> V6_TERMS = List.of(
            "Neutrophil count decreased",
            "Thrombocytopenia",
            "White blood cell decreased",
            "Lymphopenia",
            "Anemia",
            "Aspartate aminotransferase increased",
            "Alanine aminotransferase increased",
            "Blood bilirubin increased",
            "Alkaline phosphatase increased",
            "GGT increased",
            "Creatinine increased",
            "Hypoalbuminemia",
            "Urinary protein increased",
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

    private static final CtcaeCriteria V6 = CtcaeCriteria.forVersion("6.0");

    @Test
    void version6IsRegisteredAndCarriesTheSameTermsUnderItsOwnNames() {
        assertEquals(List.of("5.0", "6.0"), CtcaeCriteria.knownVersions());
        assertEquals("6.0", V6.version());
        assertEquals("2025-07-22", V6.published());
        assertEquals(V6_TERMS, V6.terms().stream().map(TermCriteria::term).toList());
        CtcaeCriteria v5 = CtcaeCriteria.forVersion("5.0");
        for (TermCriteria term : v5.terms()) {
            assertTrue(V6.term(term.term()).isPresent(), term.term() + " is found in v6.0 by its v5.0 name");
        }
        for (TermCriteria term : V6.terms()) {
            assertTrue(v5.term(term.term()).isPresent(), term.term() + " is found in v5.0 by its v6.0 name");
        }
    }

    @Test
    void everyNciTextIsVerbatimFromNcisV6CleanCopy() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v6_clean_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v6_clean_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        for (TermCriteria term : V6.terms()) {
            Map<String, String> row = rows.stream()
                    .filter(r -> r.get("CTCAE v6.0 MedDRA 28.0 Term").equals(term.term())).findFirst()
                    .orElseThrow(() -> new AssertionError("no NCI v6.0 row for " + term.term()));
            assertEquals(row.get("CTCAE v6.0 MedDRA 28.0 LLT Code"), term.meddraCode(), term.term());
            assertEquals(row.get("CTCAE v6.0 MedDRA 28.0 SOC"), term.soc(), term.term());
            for (int grade = 1; grade <= 5; grade++) {
                String nci = gradeColumn(row, grade);
                String ours = term.nciText().get(grade);
                if (nci.equals("-")) {
                    assertNull(ours, term.term() + " grade " + grade + " has no NCI v6.0 text");
                } else {
                    assertEquals(nci, ours, term.term() + " grade " + grade);
                }
            }
            for (BandSet set : term.bandSets()) {
                for (BandDefinition band : set.bands()) {
                    assertNotNull(band.nciText());
                    assertTrue(gradeColumn(row, band.grade()).contains(band.nciText()),
                            term.term() + " grade " + band.grade() + ": " + band.nciText());
                }
            }
        }
    }

    /** The clean copy carries the 2026-01-20 errata; NCI's mapping sheet says the same up to line breaks. */
    @Test
    void theErrataAreAppliedAndNcisMappingSheetAgrees() {
        TermCriteria thrombocytopenia = V6.term("Thrombocytopenia").orElseThrow();
        assertTrue(thrombocytopenia.nciText().get(4).startsWith("<10,000/mm3; <10.0 x 10^9/L;"), "'<' restored");
        assertEquals("Death", thrombocytopenia.nciText().get(5));
        TermCriteria creatinine = V6.term("Creatinine increased").orElseThrow();
        assertTrue(creatinine.nciText().get(2).startsWith(">1.5 - 3.0 x baseline if baseline is below LLN"));
        assertTrue(creatinine.nciText().get(3).startsWith(">3.0 x baseline if baseline is below LLN"));

        Path csv = SharedReference.ctcaeFile("nci_ctcae_v5_to_v6_mapping_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v5_to_v6_mapping_selected_terms.csv not present");
        int compared = 0;
        for (Map<String, String> row : SharedReference.readCsv(csv)) {
            String what = row.get("CTCAE v6.0 Grade/Definition/Navigational Note");
            TermCriteria term = V6.terms().stream()
                    .filter(t -> t.term().equals(row.get("CTCAE v6.0 MedDRA 28.0 Term"))).findFirst().orElse(null);
            if (term == null || !what.startsWith("Grade ")) {
                continue;
            }
            int grade = Integer.parseInt(what.substring("Grade ".length()));
            assertEquals(spaced(row.get("CTCAE v6.0 Description")), spaced(term.nciText().get(grade)),
                    term.term() + " grade " + grade);
            compared++;
        }
        assertTrue(compared > 80, "mapping rows compared: " + compared);
    }

    @Test
    void everyOtherNameIsOneNcisMappingGivesTheTerm() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v5_to_v6_mapping_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v5_to_v6_mapping_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        for (TermCriteria term : V6.terms()) {
            for (String other : term.alsoNamed()) {
                assertTrue(rows.stream().anyMatch(row -> row.get("CTCAE v6.0 MedDRA 28.0 Term").equals(term.term())
                                && row.get("CTCAE v5.0 MedDRA 20.1 Term").equals(other)),
                        other + " -> " + term.term() + " is not in NCI's mapping");
            }
        }
        assertEquals("Thrombocytopenia", V6.term("platelet count decreased").orElseThrow().term());
        assertEquals("Lymphopenia", V6.term("Lymphocyte count decreased").orElseThrow().term());
        assertEquals("Urinary protein increased", V6.term("PROTEINURIA").orElseThrow().term());
    }

    @Test
    void shapesV6Changed() {
        // hypertension: no grade 1, a numeric grade 4 that needs an hour, grade 5 clinical
        TermCriteria hypertension = V6.term("Hypertension").orElseThrow();
        assertEquals(List.of(2, 3, 4, 5), hypertension.definedGrades());
        assertEquals(4, hypertension.highestBandedGrade());
        assertEquals(List.of(5), hypertension.clinicalOnlyGrades());
        assertTrue(hypertension.bandSetFor("SYSTOLIC_BP", BandSetCondition.ALWAYS).orElseThrow().bands().stream()
                .filter(band -> band.grade() >= 3).allMatch(BandDefinition::needsDuration));
        // ALP: one grade only, above both baseline and ULN
        TermCriteria alp = V6.term("Alkaline phosphatase increased").orElseThrow();
        assertEquals(List.of(1), alp.definedGrades());
        assertEquals(2, alp.bandSets().get(0).bands().get(0).lower().allOf().size());
        // AST/ALT: the A12 reading adds ULN bands for a baseline above 5 x ULN
        for (String name : List.of("Aspartate aminotransferase increased", "Alanine aminotransferase increased")) {
            TermCriteria term = V6.term(name).orElseThrow();
            BandSet above5 = term.bandSetFor(term.analytes().get(0), BandSetCondition.BASELINE_ABOVE_5_X_ULN)
                    .orElseThrow();
            assertEquals("A12", above5.reading());
            assertEquals("A12", term.bandSetFor(term.analytes().get(0), BandSetCondition.BASELINE_ABOVE_ULN)
                    .orElseThrow().reading());
        }
        // creatinine: the baseline clause only below LLN
        TermCriteria creatinine = V6.term("Creatinine increased").orElseThrow();
        assertTrue(creatinine.bandSetFor("CREATININE", BandSetCondition.BASELINE_BELOW_LLN).isPresent());
        assertTrue(creatinine.bandSetFor("CREATININE", BandSetCondition.BASELINE_AVAILABLE).isEmpty());
        // urinary protein: 24-hour collection, then P/C ratio, then dipstick
        assertEquals(List.of("URINE_PROTEIN_24H", "URINE_PROTEIN_CREATININE_RATIO", "URINE_PROTEIN_DIPSTICK"),
                V6.term("Urinary protein increased").orElseThrow().analytes());
        // lymphopenia: one band, below LLN
        TermCriteria lymphopenia = V6.term("Lymphopenia").orElseThrow();
        assertEquals(GradedBy.VALUES, lymphopenia.gradedBy());
        BandDefinition present = lymphopenia.bandSets().get(0).bands().get(0);
        assertEquals("Present", present.nciText());
        assertEquals(Reference.LLN, present.upper().multipleOf());
        // symptom grade sets: rash maculo-papular gains grades 4 and 5
        assertEquals(List.of(1, 2, 3, 4, 5), V6.term("Rash maculo-papular").orElseThrow().definedGrades());
        assertEquals(List.of(1, 2, 3), CtcaeCriteria.forVersion("5.0").term("Rash maculo-papular").orElseThrow()
                .definedGrades());
    }

    @Test
    void version5ProteinuriaSaysWhyAnAdultProteinCreatinineRatioIsNotGraded() {
        TermCriteria proteinuria = CtcaeCriteria.forVersion("5.0").term("Proteinuria").orElseThrow();
        UngradedAnalyte ratio = proteinuria.ungraded("URINE_PROTEIN_CREATININE_RATIO").orElseThrow();
        assertEquals("A6", ratio.reading());
        assertTrue(proteinuria.ungraded("URINE_PROTEIN_24H").isEmpty());
    }

    /** The real v6.0 file with one defect each, loaded from a folder of its own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // ANC grade 4 no longer meets grade 3 at 0.1 x 10^9/L
            "ANC cut-off broken      | '            upper: {value: 0.1, inclusive: false}' "
                    + "| '            upper: {value: 0.09, inclusive: false}' | bands do not meet at one cut-off",
            // admiral's pre-errata grade 4 text lacks the '<' the band's text carries
            "pre-errata text         | '<10,000/mm3; <10.0 x 10^9/L; life' | '<10,000/mm3; 10.0 x 10^9/L; life' "
                    + "| is not part of NCI's grade text",
            // AST without its abnormal-baseline bands: a baseline above ULN (up to 5 x ULN) would have none
            "A12 set only            | '        when: BASELINE_ABOVE_ULN\\n        reading: A12' "
                    + "| '        when: BASELINE_ABOVE_5_X_ULN\\n        reading: A12' "
                    + "| no band set applies when the baseline is above ULN (up to 5 x ULN)",
            "value and multiple      | '{multipleOf: BASELINE, factor: 1, plus: 20}' "
                    + "| '{multipleOf: BASELINE, factor: 1, plus: 20, value: 20}' | /lower/allOf/1",
    })
    void aBrokenVersion6FileIsRefusedAtLoad(String caseName, String intact, String broken, String expectedProblem,
                                            @TempDir Path dir) throws IOException {
        String original = classpathText(V6_FILE);
        String intactText = intact.replace("\\n", "\n");
        assertTrue(original.contains(intactText), caseName + ": the real file has " + intact);
        String mutated = original.replaceFirst(java.util.regex.Pattern.quote(intactText),
                java.util.regex.Matcher.quoteReplacement(broken.replace("\\n", "\n")));
        Files.createDirectories(dir.resolve("ctcae"));
        Files.writeString(dir.resolve(V6_FILE), mutated, StandardCharsets.UTF_8);
        try (URLClassLoader site = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            // the intact copy loads from the same place, so only the defect is refused
            Files.writeString(dir.resolve("ctcae/intact.yaml"), original, StandardCharsets.UTF_8);
            assertEquals("6.0", CtcaeCriteria.load("ctcae/intact.yaml", AnalyteCatalog.standard(), site).version());
            InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                    () -> CtcaeCriteria.load(V6_FILE, AnalyteCatalog.standard(), site));
            assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "offset-in-other-unit.yaml       | an offset (plus) must be written in the analyte's canonical unit mm[Hg]",
            "ungraded-and-graded.yaml        | NEUTROPHILS is both graded and not graded",
            "ungraded-unknown-analyte.yaml   | not graded: unknown analyte PROTEIN_SOMETHING",
            "rise-on-a-value.yaml            | /terms/0/bandSets/0/bands/0/lower",
    })
    void brokenVersion6ShapesFailLoudlyAtLoad(String file, String expectedProblem) {
        String resource = "ctcae/broken/" + file;
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> CtcaeCriteria.load(resource, AnalyteCatalog.standard()));
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
    }

    private static String gradeColumn(Map<String, String> row, int grade) {
        // the clean copy's grade headers end in non-breaking spaces ("Grade 1\u00a0\u00a0\u00a0")
        return row.entrySet().stream().filter(e -> e.getKey().replace('\u00a0', ' ').strip().equals("Grade " + grade))
                .findFirst()
                .map(Map.Entry::getValue).orElseThrow(() -> new AssertionError("no Grade " + grade + " column"));
    }

    /** Text with every run of whitespace as one space: the mapping sheet breaks lines where the clean copy has "; ". */
    private static String spaced(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").strip();
    }

    private static String classpathText(String resource) throws IOException {
        try (InputStream in = Version6CriteriaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
