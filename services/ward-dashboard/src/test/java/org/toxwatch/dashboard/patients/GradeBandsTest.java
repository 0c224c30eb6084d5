package org.toxwatch.dashboard.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bands drawn behind a chart are the grading engine's own, placed with the result's limits and baseline. */
class GradeBandsTest {

    @Test
    void neutrophilBandsRunFromLlnDownInAbsoluteSteps() {
        GradeBands.Drawing drawing = GradeBands.of("5.0", "Neutrophil count decreased", "NEUTROPHILS", "10*9/L",
                dec("1.8"), dec("7.7"), null);

        assertThat(describe(drawing)).containsExactly("1: 1.5..1.8", "2: 1..1.5", "3: 0.5..1", "4: open..0.5");
        assertThat(drawing.bands()).extracting(GradeBands.Band::basis).containsExactly("LLN", "ABSOLUTE", "ABSOLUTE", "ABSOLUTE");
        assertThat(drawing.measuredAgainst()).isEqualTo("LLN 1.8 10*9/L");
    }

    @Test
    void astWithANormalBaselineIsDrawnInMultiplesOfUln() {
        GradeBands.Drawing drawing = GradeBands.of("5.0", "Aspartate aminotransferase increased", "AST", "U/L", null,
                dec("40"), new GradeBands.StatedBaseline(dec("30"), "U/L", null, dec("40"), false));

        assertThat(describe(drawing)).containsExactly("1: 40..120", "2: 120..200", "3: 200..800", "4: 800..open");
        assertThat(drawing.measuredAgainst()).isEqualTo("ULN 40 U/L");
    }

    @Test
    void astWithAnAbnormalBaselineIsDrawnInMultiplesOfTheBaselineAndSaysSo() {
        GradeBands.Drawing drawing = GradeBands.of("5.0", "Aspartate aminotransferase increased", "AST", "U/L", null,
                dec("40"), new GradeBands.StatedBaseline(dec("95"), "U/L", null, dec("40"), true));

        assertThat(describe(drawing)).containsExactly("1: 142.5..285", "2: 285..475", "3: 475..1900", "4: 1900..open");
        assertThat(drawing.bands()).extracting(GradeBands.Band::basis).containsOnly("BASELINE");
        assertThat(drawing.measuredAgainst()).isEqualTo("baseline 95 U/L (above ULN)");
    }

    @Test
    void withoutWhatTheBandsNeedThereAreNone() {
        // no ULN for multiples of it
        assertThat(GradeBands.of("5.0", "Aspartate aminotransferase increased", "AST", "U/L", null, null, null).bands())
                .isEmpty();
        // no LLN for neutrophil grade 1
        assertThat(GradeBands.of("5.0", "Neutrophil count decreased", "NEUTROPHILS", "10*9/L", null, null, null)
                .bands()).isEmpty();
        // values not in the unit the criteria are written in
        assertThat(GradeBands.of("5.0", "Neutrophil count decreased", "NEUTROPHILS", "/uL", dec("1800"), null, null)
                .bands()).isEmpty();
        // a baseline in another unit cannot place baseline multiples
        assertThat(GradeBands.of("5.0", "Aspartate aminotransferase increased", "AST", "U/L", null, dec("40"),
                new GradeBands.StatedBaseline(dec("1.6"), "ukat/L", null, dec("0.67"), true)).measuredAgainst())
                .isEqualTo("ULN 40 U/L");
        // a symptom graded from a reported grade, an unknown term, an unknown version
        assertThat(GradeBands.of("5.0", "Fatigue", null, null, null, null, null).bands()).isEmpty();
        assertThat(GradeBands.of("5.0", "No such term", "AST", "U/L", null, dec("40"), null).bands()).isEmpty();
        assertThat(GradeBands.of("9.9", "Aspartate aminotransferase increased", "AST", "U/L", null, dec("40"), null)
                .bands()).isEmpty();
        assertThat(GradeBands.of("5.0", "No such term", "AST", "U/L", null, dec("40"), null).measuredAgainst()).isNull();
    }

    @Test
    void ctcaeSixIsDrawnWithItsOwnCutOffs() {
        GradeBands.Drawing drawing = GradeBands.of("6.0", "Neutrophil count decreased", "NEUTROPHILS", "10*9/L",
                dec("1.8"), dec("7.7"), null);

        assertThat(drawing.bands()).isNotEmpty();
        assertThat(drawing.bands()).extracting(GradeBands.Band::basis).doesNotContain("LLN");
        assertThat(describe(drawing)).last().isEqualTo("4: open..0.1");
    }

    private static List<String> describe(GradeBands.Drawing drawing) {
        return drawing.bands().stream()
                .map(b -> b.grade() + ": " + plain(b.from()) + ".." + plain(b.to()))
                .toList();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "open" : value.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
