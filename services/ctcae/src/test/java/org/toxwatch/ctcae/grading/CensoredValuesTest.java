package org.toxwatch.ctcae.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.toxwatch.ctcae.criteria.Direction;

class CensoredValuesTest {

    private final CtcaeGrader v5 = CtcaeGrader.forVersion("5.0");

    private Grading anc(String value) {
        return v5.grade(GradingRequest.of(new Measurement("NEUTROPHILS", new BigDecimal(value), "10*9/L",
                new BigDecimal("1.8"), new BigDecimal("7.7")))).get(0);
    }

    @Test
    void belowALimitOnADecreasingTermIsAtLeastTheLimitsGrade() {
        Grading adjusted = CensoredValues.adjust(anc("0.1"), "<", Direction.DECREASED);
        assertEquals(GradingStatus.LOWER_BOUND, adjusted.status());
        assertEquals(4, adjusted.grade());
    }

    @Test
    void aboveALimitThatIsAlreadyAbnormalCouldBeAnyLowerGrade() {
        Grading adjusted = CensoredValues.adjust(anc("0.8"), ">", Direction.DECREASED);
        assertEquals(GradingStatus.NOT_GRADABLE, adjusted.status());
        assertNull(adjusted.grade());
        assertTrue(adjusted.explanation().contains("> 0.8"), adjusted.explanation());
    }

    @Test
    void aboveANormalLimitOnADecreasingTermIsStillGradeZero() {
        Grading adjusted = CensoredValues.adjust(anc("3.0"), ">", Direction.DECREASED);
        assertEquals(GradingStatus.GRADED, adjusted.status());
        assertEquals(0, adjusted.grade());
    }

    @Test
    void theGraderKnowsWhichWayATermWorsens() {
        Grading adjusted = CensoredValues.adjust(anc("0.1"), "<", v5);
        assertEquals(GradingStatus.LOWER_BOUND, adjusted.status());
    }

    @Test
    void anExactValueIsLeftAlone() {
        Grading exact = anc("0.8");
        assertSame(exact, CensoredValues.adjust(exact, null, Direction.DECREASED));
    }
}
