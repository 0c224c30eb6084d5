package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.time.Instant;
import org.toxwatch.regimens.finding.Finding;

/** Builds findings the way the grader publishes them: CTCAE v5.0, canonical units, event time set explicitly. */
final class FindingBuilder {

    static final String NEUTROPHILS = "Neutrophil count decreased";
    static final String PLATELETS = "Platelet count decreased";
    static final String AST = "Aspartate aminotransferase increased";
    static final String ALT = "Alanine aminotransferase increased";
    static final String HYPERTENSION = "Hypertension";
    static final String BILIRUBIN = "Blood bilirubin increased";
    static final String HAND_FOOT = "Palmar-plantar erythrodysesthesia syndrome";

    /** A total bilirubin in umol/L against an upper limit of normal. */
    static FindingBuilder bilirubin(String value, String upperLimit) {
        return finding(BILIRUBIN).analyte("BILIRUBIN_TOTAL").value(value, "umol/L").upperLimit(upperLimit);
    }

    private final String term;
    private String ctcaeVersion = "5.0";
    private Integer grade;
    private String analyte;
    private BigDecimal value;
    private String unit;
    private BigDecimal upperLimit;
    private BigDecimal baseline;
    private BigDecimal baselineUpperLimit;
    private Instant effectiveTime = Instant.parse("2026-01-12T08:00:00Z");
    private String explanation = "graded by the test";
    private Instant heldSince;

    private FindingBuilder(String term) {
        this.term = term;
    }

    static FindingBuilder finding(String term) {
        return new FindingBuilder(term);
    }

    /** A neutrophil count in 10*9/L, the analyte's canonical unit. */
    static FindingBuilder neutrophils(String value) {
        return finding(NEUTROPHILS).analyte("NEUTROPHILS").value(value, "10*9/L");
    }

    static FindingBuilder platelets(String value) {
        return finding(PLATELETS).analyte("PLATELETS").value(value, "10*9/L");
    }

    /** An AST or ALT value in U/L against an upper limit of normal. */
    static FindingBuilder transaminase(String term, String value, String upperLimit) {
        return finding(term).analyte(AST.equals(term) ? "AST" : "ALT").value(value, "U/L").upperLimit(upperLimit);
    }

    FindingBuilder grade(Integer grade) {
        this.grade = grade;
        return this;
    }

    FindingBuilder notGradable(String why) {
        this.grade = null;
        this.explanation = why;
        return this;
    }

    FindingBuilder analyte(String analyte) {
        this.analyte = analyte;
        return this;
    }

    FindingBuilder value(String value, String unit) {
        this.value = value == null ? null : new BigDecimal(value);
        this.unit = unit;
        return this;
    }

    FindingBuilder upperLimit(String upperLimit) {
        this.upperLimit = upperLimit == null ? null : new BigDecimal(upperLimit);
        return this;
    }

    FindingBuilder baseline(String baseline, String baselineUpperLimit) {
        this.baseline = baseline == null ? null : new BigDecimal(baseline);
        this.baselineUpperLimit = baselineUpperLimit == null ? null : new BigDecimal(baselineUpperLimit);
        return this;
    }

    FindingBuilder at(String instant) {
        this.effectiveTime = Instant.parse(instant);
        return this;
    }

    /** Since when the grade has held (persistence rules). */
    FindingBuilder heldSince(String instant) {
        this.heldSince = Instant.parse(instant);
        return this;
    }

    FindingBuilder ctcaeVersion(String version) {
        this.ctcaeVersion = version;
        return this;
    }

    Finding build() {
        return new Finding(term, ctcaeVersion, grade, analyte, value, unit, null, upperLimit, baseline, baselineUpperLimit,
                effectiveTime, explanation, heldSince);
    }
}
