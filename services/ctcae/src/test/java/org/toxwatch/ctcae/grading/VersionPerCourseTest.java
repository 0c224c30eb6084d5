package org.toxwatch.ctcae.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toxwatch.ctcae.grading.Lab.V5;
import static org.toxwatch.ctcae.grading.Lab.V6;
import static org.toxwatch.ctcae.grading.Lab.count;
import static org.toxwatch.ctcae.grading.Lab.gradeOne;

/**
 * The CTCAE version is chosen per treatment course and stored with every grade. A version change re-grades the raw
 * value with the other version's grader; a grade is never carried or mapped across (CRITERIA.md 0: NCI's term/grade
 * mapping sends a v5 neutrophil grade 1 to v6 grade 1, yet a v5-grade-1 ANC of 1500/mm3 or more is v6 grade 0).
 */
class VersionPerCourseTest {

    @Test
    void eachVersionHasItsOwnGrader() {
        assertEquals(List.of("5.0", "6.0"), CtcaeGrader.knownVersions());
        assertEquals("6.0", V6.version());
        assertSame(V6, CtcaeGrader.forVersion("6.0"));
        assertEquals("6.0", V6.criteria().version());
    }

    @Test
    void theSameAncIsVersion5Grade2AndVersion6Grade1() {
        Measurement anc = count("NEUTROPHILS", "1.2", "1.8");
        Grading v5 = gradeOne(V5, anc);
        Grading v6 = gradeOne(V6, anc);
        assertEquals(2, v5.grade(), v5.explanation());
        assertEquals("5.0", v5.ctcaeVersion());
        assertEquals(1, v6.grade(), v6.explanation());
        assertEquals("6.0", v6.ctcaeVersion());
        assertTrue(v6.explanation().startsWith("Neutrophil count decreased grade 1 (CTCAE v6.0)"), v6.explanation());
    }

    @ParameterizedTest(name = "ANC {0} x10^9/L, LLN {1}: v5 grade 1, v6 grade 0")
    @CsvSource({
            "1.5,   1.8",
            "1.501, 1.8",
            "1.79,  1.8",
            "1.5,   2.5",
            "2.49,  2.5",
    })
    void aVersion5Grade1AncOf1500OrMoreIsVersion6Grade0(String value, String lln) {
        Measurement anc = count("NEUTROPHILS", value, lln);
        assertEquals(1, gradeOne(V5, anc).grade());
        Grading v6 = gradeOne(V6, anc);
        assertEquals(GradingStatus.GRADED, v6.status());
        assertEquals(0, v6.grade(), v6.explanation());
    }

    /** v5 grade 4 (ANC < 500/mm3) splits into v6 grade 3 (100-499) and grade 4 (< 100): no one-to-one mapping. */
    @ParameterizedTest(name = "ANC {0}: v5 grade {1}, v6 grade {2}")
    @CsvSource({
            "1.6,   1, 0",
            "1.2,   2, 1",
            "0.7,   3, 2",
            "0.499, 4, 3",
            "0.1,   4, 3",
            "0.099, 4, 4",
    })
    void reGradingTheRawValueUnderTheOtherVersion(String value, int v5Grade, int v6Grade) {
        Measurement anc = count("NEUTROPHILS", value, "1.8");
        assertEquals(v5Grade, gradeOne(V5, anc).grade());
        assertEquals(v6Grade, gradeOne(V6, anc).grade());
    }

    @Test
    void aQueryIsGradedByTheVersionItIsGivenToUnderEitherName() {
        TermQuery platelets = TermQuery.parse("Platelet count decreased", "20", "10^9/L", "150", null, null, null,
                null, null);
        Grading v5 = V5.grade(platelets);
        Grading v6 = V6.grade(platelets);
        assertEquals("Platelet count decreased", v5.term());
        assertEquals(4, v5.grade(), v5.explanation());
        assertEquals("Thrombocytopenia", v6.term());
        assertEquals(3, v6.grade(), v6.explanation());
        assertEquals(v6, V6.grade(TermQuery.parse("THROMBOCYTOPENIA", "20", "10^9/L", "150", null, null, null, null,
                null)));
    }
}
