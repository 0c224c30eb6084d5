package org.toxwatch.cli.grading;

import org.junit.jupiter.api.Test;
import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;
import org.toxwatch.ctcae.grading.TermQuery;
import org.toxwatch.ctcae.units.LabUnits;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch adds no grading of its own: what it returns must be what the engine says for the same values, put in the
 * right place. Where a clinical figure is asserted, it is NCI's CTCAE v5.0 text (CRITERIA.md 2.2).
 */
class BatchGradingTest {

    private static final String HYPERTENSION = "Hypertension";
    private final CtcaeGrader grader = CtcaeGrader.forVersion("5.0");
    private final BatchGrading batch = new BatchGrading(grader);

    @Test
    void aTermRowIsGradedAsTheEngineGradesTheSameStatedValues() {
        LabRow row = termRow("neutrophil COUNT decreased", "800", "/uL", "1800", "7700");

        List<GradedRow> rows = batch.grade(row);

        Grading engine = grader.grade(new TermQuery("Neutrophil count decreased", dec("800"), "/uL", dec("1800"),
                dec("7700"), null, null, null));
        assertThat(rows).singleElement().satisfies(r -> {
            assertSame(r, engine);
            assertThat(r.id()).isEqualTo("row-id");
            assertThat(r.term()).isEqualTo("Neutrophil count decreased");
            // NCI v5.0: "<1000 - 500/mm3" is grade 3
            assertThat(r.grade()).isEqualTo(3);
            assertThat(r.status()).isEqualTo(GradingStatus.GRADED);
        });
    }

    @Test
    void aLoincRowGradesTheTermsItsAnalyteFeeds() {
        List<GradedRow> byLoinc = batch.grade(loincRow("751-8", "0.8", null, "10^9/L"));
        List<GradedRow> byTerm = batch.grade(termRow("Neutrophil count decreased", "0.8", "10^9/L", null, null));

        assertThat(byLoinc).hasSameSizeAs(grader.termsForLoinc("751-8"));
        assertThat(byLoinc.get(0)).usingRecursiveComparison().isEqualTo(byTerm.get(0));
    }

    @Test
    void aLoincReadByTwoTermsGivesOneRowPerTermInCriteriaOrder() {
        CtcaeCriteria twoTerms = CtcaeCriteria.load("fixtures/two-terms-read-anc.yaml", AnalyteCatalog.standard());
        CtcaeGrader twin = new CtcaeGrader(twoTerms, AnalyteCatalog.standard());
        BatchGrading twinBatch = new BatchGrading(twin, AnalyteCatalog.standard(), LabUnits.standard());

        List<GradedRow> rows = twinBatch.grade(loincRow("751-8", "700", null, "cells/mm3"));

        assertThat(rows).extracting(GradedRow::term)
                .containsExactly("Neutrophil count decreased", "Neutrophil count test twin");
        for (GradedRow row : rows) {
            assertSame(row, twin.grade(new TermQuery(row.term(), dec("700"), "cells/mm3", null, null, null, null,
                    null)));
            assertThat(row.ctcaeVersion()).isEqualTo("9.1");
        }
        assertThat(rows).extracting(GradedRow::grade).containsExactly(2, 1);
    }

    @Test
    void aDiastolicLoincMakesTheValueTheDiastolicReading() {
        List<GradedRow> rows = batch.grade(loincRow("8462-4", "112", null, "mmHg"));

        Grading engine = grader.grade(new TermQuery(HYPERTENSION, null, "mmHg", null, null, null, dec("112"), null));
        assertThat(rows).singleElement().satisfies(r -> {
            assertSame(r, engine);
            assertThat(r.analyte()).isEqualTo("DIASTOLIC_BP");
            // NCI v5.0 grade 3: diastolic BP >=100 mm Hg; without the systolic reading it is a lower bound (A11)
            assertThat(r.grade()).isEqualTo(3);
            assertThat(r.status()).isEqualTo(GradingStatus.LOWER_BOUND);
        });
    }

    @Test
    void aDiastolicLoincWithValue2IsAmbiguous() {
        List<GradedRow> rows = batch.grade(loincRow("8462-4", "112", "150", "mmHg"));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.grade()).isNull();
            assertThat(r.explanation()).contains("value2 must be empty");
        });
    }

    @Test
    void theBloodPressurePanelCodeTakesSystolicAsValueAndDiastolicAsValue2() {
        List<GradedRow> panel = batch.grade(loincRow("85354-9", "165", "95", "mmHg"));

        Grading engine = grader.grade(new TermQuery(HYPERTENSION, dec("165"), "mmHg", null, null, null, dec("95"),
                null));
        assertThat(panel).singleElement().satisfies(r -> {
            assertSame(r, engine);
            // NCI v5.0 grade 3: systolic BP >=160 mm Hg
            assertThat(r.grade()).isEqualTo(3);
            assertThat(r.status()).isEqualTo(GradingStatus.GRADED);
        });
    }

    @Test
    void aTermAndALoincThatDisagreeAreNotGraded() {
        LabRow row = new LabRow(4, "x", "Platelet count decreased", "751-8", dec("20"), "20", "10^9/L", null, null,
                null, null, null);

        assertThat(batch.grade(row)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).contains("751-8").contains("does not grade");
            assertThat(r.row()).isEqualTo(4);
        });
    }

    @Test
    void aLoincOfACatalogAnalyteThatNoTermReadsSaysSo() {
        CtcaeCriteria twoTerms = CtcaeCriteria.load("fixtures/two-terms-read-anc.yaml", AnalyteCatalog.standard());
        BatchGrading twinBatch = new BatchGrading(new CtcaeGrader(twoTerms, AnalyteCatalog.standard()));

        List<GradedRow> rows = twinBatch.grade(loincRow("777-3", "20", null, "10^9/L"));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).contains("LOINC 777-3 (Platelets) is graded by no CTCAE v9.1 term");
        });
    }

    // ---- Observations (the FHIR path)

    @Test
    void aBloodPressurePanelGradesLikeTheSameStatedReadingWhateverTheUnitSpelling() {
        LabObservation observation = new LabObservation(1, "BP-1", List.of(
                LabReading.of("8480-6", dec("165"), "mm[Hg]"),
                LabReading.of("8462-4", dec("95"), "mmHg")));

        List<GradedRow> rows = batch.grade(observation);

        Grading engine = grader.grade(new TermQuery(HYPERTENSION, dec("165"), "mmHg", null, null, null, dec("95"),
                null));
        assertThat(rows).singleElement().satisfies(r -> assertSameGrade(r, engine));
    }

    @Test
    void aPanelWithoutItsDiastolicReadingIsALowerBound() {
        LabObservation observation = new LabObservation(1, "BP-2", List.of(
                LabReading.of("8480-6", dec("150"), "mm[Hg]"),
                LabReading.absent("8462-4")));

        assertThat(batch.grade(observation)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.LOWER_BOUND);
            // NCI v5.0 grade 2: systolic BP 140 - 159 mm Hg
            assertThat(r.grade()).isEqualTo(2);
        });
    }

    @Test
    void oneComponentInAnUnusableUnitMakesTheTermNotGradableRatherThanALowerBound() {
        LabObservation observation = new LabObservation(1, "BP-3", List.of(
                LabReading.of("8480-6", dec("150"), "mm[Hg]"),
                LabReading.of("8462-4", dec("95"), "mm")));

        assertThat(batch.grade(observation)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            // mm is a length, not a pressure
            assertThat(r.explanation()).contains("'mm'");
            assertThat(r.value()).isEqualByComparingTo("95");
            assertThat(r.unit()).isEqualTo("mm");
        });
    }

    @Test
    void referenceLimitsInTheirOwnUnitAreConvertedWithTheValue() {
        LabObservation observation = new LabObservation(1, "ANC-1", List.of(new LabReading("751-8", dec("1.6"), null,
                "10^9/L", dec("1800"), "/uL", dec("7700"), "cells/mm3", null)));

        List<GradedRow> rows = batch.grade(observation);

        Grading engine = grader.grade(new TermQuery("Neutrophil count decreased", dec("1.6"), "10^9/L", dec("1.8"),
                dec("7.7"), null, null, null));
        assertThat(rows).singleElement().satisfies(r -> {
            assertSameGrade(r, engine);
            assertThat(r.lowerLimit()).isEqualByComparingTo("1.8");
            // NCI v5.0 grade 1: <LLN - 1500/mm3
            assertThat(r.grade()).isEqualTo(1);
        });
    }

    @Test
    void anObservationReportingOneAnalyteTwiceIsNotGraded() {
        LabObservation observation = new LabObservation(1, "ANC-2", List.of(
                LabReading.of("751-8", dec("0.8"), "10^9/L"),
                LabReading.of("753-4", dec("0.9"), "10^9/L")));

        assertThat(batch.grade(observation)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).contains("twice");
        });
    }

    @Test
    void anUnusableReadingCarriesItsReason() {
        LabObservation observation = new LabObservation(3, "ANC-3", List.of(
                LabReading.unusable("751-8", "the value is censored (<0.1)")));

        assertThat(batch.grade(observation)).singleElement().satisfies(r -> {
            assertThat(r.term()).isEqualTo("Neutrophil count decreased");
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).contains("censored (<0.1)");
            assertThat(r.row()).isEqualTo(3);
        });
    }

    @Test
    void anUnknownCodeIsNotGradedAndNamed() {
        LabObservation observation = new LabObservation(1, "GLU", List.of(LabReading.of("2345-7", dec("5.4"),
                "mmol/L")));

        assertThat(batch.grade(observation)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).contains("LOINC 2345-7 is not in ToxWatch's analyte catalog");
        });
    }

    @Test
    void rejectedInputBecomesOneNotGradableRowWithItsReason() {
        List<GradedRow> rows = batch.grade(new RejectedInput(7, "r7", "Anemia", "column value: 'abc' is not a"
                + " decimal number"));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.row()).isEqualTo(7);
            assertThat(r.id()).isEqualTo("r7");
            assertThat(r.term()).isEqualTo("Anemia");
            assertThat(r.ctcaeVersion()).isEqualTo("5.0");
            assertThat(r.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
            assertThat(r.explanation()).isEqualTo("Anemia not gradable (CTCAE v5.0): column value: 'abc' is not a"
                    + " decimal number.");
        });
    }

    // ----

    /** Same grading through another path (Observation vs stated values): the wording may differ in units. */
    private static void assertSameGrade(GradedRow row, Grading engine) {
        assertThat(row.term()).isEqualTo(engine.term());
        assertThat(row.ctcaeVersion()).isEqualTo(engine.ctcaeVersion());
        assertThat(row.grade()).isEqualTo(engine.grade());
        assertThat(row.status()).isEqualTo(engine.status());
        assertThat(row.analyte()).isEqualTo(engine.analyte());
        assertThat(row.value()).isEqualByComparingTo(engine.value());
    }

    private static void assertSame(GradedRow row, Grading engine) {
        assertThat(row.term()).isEqualTo(engine.term());
        assertThat(row.ctcaeVersion()).isEqualTo(engine.ctcaeVersion());
        assertThat(row.grade()).isEqualTo(engine.grade());
        assertThat(row.status()).isEqualTo(engine.status());
        assertThat(row.explanation()).isEqualTo(engine.explanation());
        assertThat(row.analyte()).isEqualTo(engine.analyte());
        assertThat(row.value()).isEqualTo(engine.value());
        assertThat(row.band()).isEqualTo(engine.band());
    }

    private static LabRow termRow(String term, String value, String unit, String lln, String uln) {
        return new LabRow(1, "row-id", term, null, dec(value), value, unit, dec(lln), dec(uln), null, null, null);
    }

    private static LabRow loincRow(String loinc, String value, String value2, String unit) {
        return new LabRow(1, "row-id", null, loinc, dec(value), value, unit, null, null, null, dec(value2), null);
    }

    private static BigDecimal dec(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
