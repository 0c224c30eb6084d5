package org.toxwatch.ctcae.grading;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Short ways to build requests in grading tests; values are in each analyte's canonical unit. The grading helpers
 * without a grader grade with v5.0.
 */
final class Lab {

    static final CtcaeGrader V5 = CtcaeGrader.forVersion("5.0");
    static final CtcaeGrader V6 = CtcaeGrader.forVersion("6.0");

    private Lab() {
    }

    static BigDecimal d(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    static AnalyteCatalog catalog() {
        return AnalyteCatalog.standard();
    }

    /** A value in the analyte's canonical unit. */
    static Measurement canonical(String analyte, String value, String lln, String uln) {
        return new Measurement(analyte, d(value), catalog().byId(analyte).orElseThrow().ucumUnit(), d(lln), d(uln));
    }

    static Measurement temperature(String celsius, String hours) {
        return new Measurement("BODY_TEMPERATURE", d(celsius), "Cel", null, null, d(hours));
    }

    /** The grader of a version, "5.0" or "6.0", for tests parameterised by version. */
    static CtcaeGrader grader(String version) {
        return CtcaeGrader.forVersion(version);
    }

    /** The one grading of a term in a request; fails if the term is not graded exactly once. */
    static Grading gradeTerm(String term, GradingRequest request) {
        return gradeTerm(V5, term, request);
    }

    static Grading gradeTerm(CtcaeGrader grader, String term, GradingRequest request) {
        List<Grading> gradings = grader.grade(request).stream().filter(g -> g.term().equals(term)).toList();
        if (gradings.size() != 1) {
            throw new AssertionError("expected one " + term + " grading, got " + gradings);
        }
        return gradings.get(0);
    }

    static Measurement count(String analyte, String value, String lln) {
        return new Measurement(analyte, d(value), "10*9/L", d(lln), null);
    }

    static Measurement enzyme(String analyte, String value, String uln) {
        return new Measurement(analyte, d(value), "U/L", null, d(uln));
    }

    static Measurement systolic(String value) {
        return new Measurement("SYSTOLIC_BP", d(value), "mm[Hg]", null, null);
    }

    static Measurement diastolic(String value) {
        return new Measurement("DIASTOLIC_BP", d(value), "mm[Hg]", null, null);
    }

    static Baseline baseline(String analyte, String value, String uln) {
        return new Baseline(analyte, d(value), d(uln), null);
    }

    /** The single grading a request gives; fails if there is not exactly one. */
    static Grading gradeOne(GradingRequest request) {
        return gradeOne(V5, request);
    }

    static Grading gradeOne(CtcaeGrader grader, GradingRequest request) {
        List<Grading> gradings = grader.grade(request);
        if (gradings.size() != 1) {
            throw new AssertionError("expected one grading, got " + gradings);
        }
        return gradings.get(0);
    }

    static Grading gradeOne(Measurement... measurements) {
        return gradeOne(GradingRequest.of(measurements));
    }

    static Grading gradeOne(CtcaeGrader grader, Measurement... measurements) {
        return gradeOne(grader, GradingRequest.of(measurements));
    }

    static Grading gradeWithBaseline(Measurement measurement, Baseline baseline) {
        return gradeWithBaseline(V5, measurement, baseline);
    }

    static Grading gradeWithBaseline(CtcaeGrader grader, Measurement measurement, Baseline baseline) {
        return gradeOne(grader, new GradingRequest(List.of(measurement), Map.of(baseline.analyte(), baseline), false));
    }

    /** The patient's baseline with the limits reported with the baseline sample (either may be null). */
    static Baseline baselineWithLimits(String analyte, String value, String lln, String uln) {
        return new Baseline(analyte, d(value), d(uln), null, d(lln));
    }

    /** A reading that lasted this many hours (null: unknown). */
    static Measurement systolic(String value, String hours) {
        return new Measurement("SYSTOLIC_BP", d(value), "mm[Hg]", null, null, d(hours));
    }

    static Measurement diastolic(String value, String hours) {
        return new Measurement("DIASTOLIC_BP", d(value), "mm[Hg]", null, null, d(hours));
    }
}
