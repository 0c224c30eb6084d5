package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.SharedReference;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.d;
import static org.toxwatch.ctcae.grading.Lab.gradeTerm;
import static org.toxwatch.ctcae.grading.Lab.temperature;

/**
 * v6.0 left Fever and Febrile neutropenia grading as it was, and reworded the symptom terms: a reported grade is
 * checked against v6.0's own grade set (Rash maculo-papular gains grades 4 and 5).
 */
class V6UnchangedAndReportedTermsTest {

    private static final List<String> SYMPTOMS = List.of("Nausea", "Vomiting", "Diarrhea", "Fatigue", "Abdominal pain",
            "Palmar-plantar erythrodysesthesia syndrome", "Peripheral sensory neuropathy", "Rash maculo-papular",
            "Anorexia");

    @ParameterizedTest(name = "temperatures 35-43 Cel lasting {0} h grade as in v5.0")
    @CsvSource({"0.5", "1", "1.5", "24", "30"})
    void feverAndFebrileNeutropeniaGradeAsInVersion5(String hours) {
        for (BigDecimal c = d("35"); c.compareTo(d("43")) <= 0; c = c.add(d("0.01"))) {
            String celsius = c.toPlainString();
            GradingRequest fever = GradingRequest.of(temperature(celsius, hours));
            Grading v5 = gradeTerm(V5, "Fever", fever);
            Grading v6 = gradeTerm(V6, "Fever", fever);
            assertEquals(v5.grade(), v6.grade(), v6::explanation);
            assertEquals(v5.status(), v6.status(), v6::explanation);
            for (String anc : List.of("0.4", "0.999", "1.0")) {
                GradingRequest fn = GradingRequest.of(count("NEUTROPHILS", anc, null), temperature(celsius, hours));
                Grading fn5 = gradeTerm(V5, "Febrile neutropenia", fn);
                Grading fn6 = gradeTerm(V6, "Febrile neutropenia", fn);
                assertEquals(fn5.grade(), fn6.grade(), fn6::explanation);
                assertEquals(fn5.status(), fn6.status(), fn6::explanation);
            }
        }
    }

    @Test
    void febrileNeutropeniaIsGradedInVersion6() {
        Grading grading = gradeTerm(V6, "Febrile neutropenia", GradingRequest.of(count("NEUTROPHILS", "0.4", null),
                temperature("38.5", null)));
        assertEquals(3, grading.grade());
        assertEquals("6.0", grading.ctcaeVersion());
    }

    /** Every symptom and grade 1-5 against NCI's v6.0 clean copy: "-" means the grade does not exist for the term. */
    @TestFactory
    Stream<DynamicTest> everyReportedGradeIsCheckedAgainstNcisV6Sheet() {
        Path csv = SharedReference.ctcaeFile("nci_ctcae_v6_clean_selected_terms.csv").orElse(null);
        assumeTrue(csv != null, "shared/reference/ctcae/nci_ctcae_v6_clean_selected_terms.csv not present");
        List<Map<String, String>> rows = SharedReference.readCsv(csv);
        List<DynamicTest> tests = new ArrayList<>();
        for (String symptom : SYMPTOMS) {
            Map<String, String> row = rows.stream().filter(r -> r.get("CTCAE v6.0 MedDRA 28.0 Term").equals(symptom))
                    .findFirst().orElseThrow();
            for (int grade = 1; grade <= 5; grade++) {
                String nci = gradeColumn(row, grade);
                int reported = grade;
                tests.add(DynamicTest.dynamicTest(symptom + " grade " + grade, () -> {
                    Grading grading = V6.gradeReported(symptom, reported);
                    if (nci.equals("-")) {
                        assertEquals(GradingStatus.NOT_GRADABLE, grading.status(), grading.explanation());
                        assertTrue(grading.explanation().contains("NCI defines no grade " + reported + " for " + symptom),
                                grading.explanation());
                    } else {
                        assertEquals(GradingStatus.GRADED, grading.status(), grading.explanation());
                        assertEquals(reported, grading.grade());
                        assertEquals(nci, grading.band().nciText());
                        assertTrue(grading.explanation().contains("(CTCAE v6.0)"), grading.explanation());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void rashMaculoPapularGrade4ExistsOnlyInVersion6() {
        Grading v6 = V6.grade(TermQuery.reportedGrade("rash maculo-papular", 4));
        assertEquals(GradingStatus.GRADED, v6.status());
        assertEquals("Life-threatening consequences; urgent intervention indicated", v6.band().nciText());
        assertEquals(GradingStatus.NOT_GRADABLE, V5.gradeReported("Rash maculo-papular", 4).status());
        assertEquals("Mild symptoms", V6.gradeReported("Peripheral sensory neuropathy", 1).band().nciText());
        assertEquals("Change in consistency or frequency", V6.gradeReported("Diarrhea", 1).band().nciText());
    }

    private static String gradeColumn(Map<String, String> row, int grade) {
        return row.entrySet().stream().filter(e -> e.getKey().replace('\u00a0', ' ').strip().equals("Grade " + grade))
                .findFirst().map(Map.Entry::getValue).orElseThrow();
    }
}
