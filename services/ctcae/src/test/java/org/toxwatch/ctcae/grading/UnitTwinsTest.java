package org.toxwatch.ctcae.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.criteria.Direction;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.d;

/**
 * Property: the same measurement written in two units grades the same, over dense sweeps that cross every cut-off.
 * Each twin is the other scaled by an exact factor (1 x10^9/L = 1000 /uL = 1000 cells/mm3; 1 g/dL = 10 g/L; degF =
 * degC x 9/5 + 32), with its limits and baseline scaled alike.
 */
class UnitTwinsTest {

    @ParameterizedTest(name = "{0}: {2} in {1} = x{4} in {3}, from 0 to {5} by {6}")
    @CsvSource(delimiter = '|', value = {
            // term                     | unit A  | LLN/ULN A | unit B    | B per A | sweep to | step
            "Neutrophil count decreased | 10^9/L  | 1.8  | /uL       | 1000 | 3     | 0.001",
            "Neutrophil count decreased | 10*9/L  | 1.8  | cells/mm3 | 1000 | 3     | 0.001",
            "Neutrophil count decreased | K/uL    | 1.8  | /mm3      | 1000 | 3     | 0.001",
            "Neutrophil count decreased | x10E3/uL | 1.8 | 10*3/uL   | 1    | 3     | 0.001",
            "Neutrophil count decreased | 10^3/uL | 1.8  | 10*9/L    | 1    | 3     | 0.001",
            "Platelet count decreased   | 10^9/L  | 150  | /uL       | 1000 | 200   | 0.05",
            "White blood cell decreased | 10^9/L  | 4.0  | cells/mm3 | 1000 | 6     | 0.001",
            "Lymphocyte count decreased | 10^9/L  | 1.0  | /uL       | 1000 | 2     | 0.001",
            "Anemia                     | g/dL    | 12   | g/L       | 10   | 15    | 0.01",
            "Hypoalbuminemia            | g/dL    | 3.5  | g/L       | 10   | 5     | 0.001",
            "Proteinuria                | g/24 h  | 0.15 | mg/24 h   | 1000 | 5     | 0.001",
            "Proteinuria                | g/d     | 0.15 | g/24h     | 1    | 5     | 0.001",
            "Hypertension               | mmHg    |      | mm[Hg]    | 1    | 200   | 0.1",
    })
    void twinsInLinearUnitsGradeTheSame(String term, String unitA, String limitA, String unitB, String factor,
                                        String max, String step) {
        boolean increasing = V5.term(term).orElseThrow().direction() == Direction.INCREASED;
        int checked = 0;
        for (BigDecimal a = BigDecimal.ZERO; a.compareTo(d(max)) <= 0; a = a.add(d(step))) {
            BigDecimal b = a.multiply(d(factor));
            BigDecimal limitB = limitA == null ? null : d(limitA).multiply(d(factor));
            Grading inA = V5.grade(query(term, a, unitA, limitA == null ? null : d(limitA), increasing));
            Grading inB = V5.grade(query(term, b, unitB, limitB, increasing));
            assertEquals(inA.status(), inB.status(), () -> inA.explanation() + " | " + inB.explanation());
            assertEquals(inA.grade(), inB.grade(), () -> inA.explanation() + " | " + inB.explanation());
            checked++;
        }
        assertTrue(checked > 1000, "dense sweep");
    }

    private static TermQuery query(String term, BigDecimal value, String unit, BigDecimal limit, boolean increasing) {
        return new TermQuery(term, value, unit, increasing ? null : limit, increasing ? limit : null, null, null, null);
    }

    @ParameterizedTest(name = "{0} in mg/dL and x{1} in umol/L, ULN {2} mg/dL, baseline {3} mg/dL")
    @CsvSource({
            "Blood bilirubin increased, 17.1,  1.2, ",
            "Blood bilirubin increased, 17.1,  1.2, 2.0",
            "Creatinine increased,      88.4,  1.1, ",
            "Creatinine increased,      88.4,  1.1, 0.5",
            "Creatinine increased,      88.42, 1.3, 1.6",
    })
    void ratioTermsGradeTheSameInMassAndSubstanceUnits(String term, String umolPerMg, String uln, String baseline) {
        // any consistent scaling of value, ULN and baseline keeps the ratios, so the grade (CRITERIA.md 2.1)
        for (BigDecimal mg = d("0.01"); mg.compareTo(d("20")) <= 0; mg = mg.add(d("0.01"))) {
            BigDecimal umol = mg.multiply(d(umolPerMg));
            Grading inMg = V5.grade(new TermQuery(term, mg, "mg/dL", null, d(uln), d(baseline), null, null));
            Grading inUmol = V5.grade(new TermQuery(term, umol, "umol/L", null, d(uln).multiply(d(umolPerMg)),
                    baseline == null ? null : d(baseline).multiply(d(umolPerMg)), null, null));
            assertEquals(inMg.grade(), inUmol.grade(), () -> inMg.explanation() + " | " + inUmol.explanation());
            assertEquals(inMg.status(), inUmol.status());
        }
    }

    @ParameterizedTest(name = "{0}: x ukat/L = 60x U/L against ULN 0.6 ukat/L = 36 U/L")
    @CsvSource({"AST", "ALT", "ALP", "GGT"})
    void enzymesGradeTheSameInMicrokatalsAndUnitsPerLitre(String analyte) {
        String term = V5.criteria().termsReading(analyte).get(0).term();
        for (BigDecimal ukat = d("0.01"); ukat.compareTo(d("15")) <= 0; ukat = ukat.add(d("0.01"))) {
            BigDecimal units = ukat.multiply(d("60"));
            Grading inUkat = V5.grade(new TermQuery(term, ukat, "ukat/L", null, d("0.6"), null, null, null));
            Grading inU = V5.grade(new TermQuery(term, units, "U/L", null, d("36"), null, null, null));
            assertEquals(inU.grade(), inUkat.grade(), () -> inU.explanation() + " | " + inUkat.explanation());
        }
    }

    @ParameterizedTest(name = "{0}: degC and degF twins from 35 to 43 degC, {1} h")
    @CsvSource({
            "Fever, 30",
            "Fever, 2",
            "Febrile neutropenia, 2",
            "Febrile neutropenia, 0.5",
    })
    void temperaturesGradeTheSameInCelsiusAndFahrenheit(String term, String hours) {
        for (BigDecimal c = d("35"); c.compareTo(d("43")) <= 0; c = c.add(d("0.01"))) {
            BigDecimal f = c.multiply(d("9")).divide(d("5")).add(d("32"));
            Grading inC = V5.grade(temperatureQuery(term, c, "Cel", hours));
            Grading inF = V5.grade(temperatureQuery(term, f, "°F", hours));
            assertEquals(inC.grade(), inF.grade(), () -> inC.explanation() + " | " + inF.explanation());
            assertEquals(inC.status(), inF.status());
        }
    }

    private static TermQuery temperatureQuery(String term, BigDecimal temperature, String unit, String hours) {
        return term.equals("Fever")
                ? TermQuery.of(term, temperature, unit).withDurationHours(d(hours))
                : TermQuery.febrileNeutropenia(d("0.5"), "10^9/L", temperature, unit, d(hours));
    }
}
