package org.toxwatch.ctcae.criteria;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One CTCAE term of one version: NCI's text per grade and, for a term graded from numbers, the band sets that grade
 * it. Within one analyte the highest grade over the band sets that apply counts; across analytes {@link #join()}
 * decides.
 *
 * @param alsoNamed   the term's names in other CTCAE versions where NCI's v5-to-v6 mapping links them (v5 "Platelet
 *                    count decreased" is v6 "Thrombocytopenia"), so either name finds it
 * @param meddraCode  MedDRA LLT code as NCI lists it; null when unknown
 * @param gradedBy    VALUES (bands) or REPORTED_GRADE (symptoms: a reported grade is checked against nciText)
 * @param direction   which way the value worsens; band sets may override it; null for reported terms
 * @param join        how several analytes combine; EITHER when omitted
 * @param nciText     NCI's wording per grade; grades without NCI text ("-") are absent
 * @param gradingNote what a number alone does not assess, appended to explanations; may be null
 * @param notGraded   analytes of the term this version has no criteria for; a result of one alone is NOT_GRADABLE
 *                    with the reason (v5.0 Proteinuria and an adult protein/creatinine ratio, CRITERIA.md A6)
 */
public record TermCriteria(String term, List<String> alsoNamed, String meddraCode, String soc, GradedBy gradedBy,
                           Direction direction, AnalyteJoin join, Map<Integer, String> nciText, String gradingNote,
                           List<BandSet> bandSets, List<UngradedAnalyte> notGraded) {

    public TermCriteria {
        alsoNamed = alsoNamed == null ? List.of() : List.copyOf(alsoNamed);
        gradedBy = gradedBy == null ? GradedBy.VALUES : gradedBy;
        join = join == null ? AnalyteJoin.EITHER : join;
        nciText = Map.copyOf(nciText);
        bandSets = bandSets == null ? List.of() : List.copyOf(bandSets);
        notGraded = notGraded == null ? List.of() : List.copyOf(notGraded);
    }

    public TermCriteria(String term, List<String> alsoNamed, String meddraCode, String soc, GradedBy gradedBy,
                        Direction direction, AnalyteJoin join, Map<Integer, String> nciText, String gradingNote,
                        List<BandSet> bandSets) {
        this(term, alsoNamed, meddraCode, soc, gradedBy, direction, join, nciText, gradingNote, bandSets, null);
    }

    /** Whether the term is graded from a reported grade (symptoms) rather than from values. */
    public boolean isReported() {
        return gradedBy == GradedBy.REPORTED_GRADE;
    }

    /** Whether the name, in any case, is this term's name or one of its names in another version. */
    public boolean isNamed(String name) {
        if (name == null) {
            return false;
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return term.toLowerCase(Locale.ROOT).equals(wanted)
                || alsoNamed.stream().anyMatch(other -> other.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Grades NCI defines for the term, lowest first. */
    public List<Integer> definedGrades() {
        return List.copyOf(new TreeMap<>(nciText).keySet());
    }

    /** Analytes the term grades, in file order. */
    public List<String> analytes() {
        return bandSets.stream().map(BandSet::analyte).distinct().toList();
    }

    /** The reason this version does not grade an analyte of the term, if it is one of {@link #notGraded()}. */
    public Optional<UngradedAnalyte> ungraded(String analyte) {
        return notGraded.stream().filter(ungraded -> ungraded.analyte().equals(analyte)).findFirst();
    }

    public List<BandSet> bandSetsFor(String analyte) {
        return bandSets.stream().filter(set -> set.analyte().equals(analyte)).toList();
    }

    public Optional<BandSet> bandSetFor(String analyte, BandSetCondition condition) {
        return bandSetsFor(analyte).stream().filter(set -> set.when() == condition).findFirst();
    }

    /** Whether grading this analyte consults the baseline (v5 AST/ALT/ALP/GGT/bilirubin, creatinine). */
    public boolean dependsOnBaseline(String analyte) {
        return bandSetsFor(analyte).stream()
                .anyMatch(set -> set.when() != BandSetCondition.ALWAYS || set.usesBaseline());
    }

    /** The highest grade a number alone can reach. */
    public int highestBandedGrade() {
        return bandSets.stream().mapToInt(BandSet::highestGrade).max().orElse(0);
    }

    /** The highest grade one analyte's bands can reach. */
    public int highestBandedGrade(String analyte) {
        return bandSetsFor(analyte).stream().mapToInt(BandSet::highestGrade).max().orElse(0);
    }

    /** Grades NCI describes that no band reaches: they need clinical findings (v5 Hypertension 4 and 5). */
    public List<Integer> clinicalOnlyGrades() {
        if (isReported()) {
            return List.of();
        }
        int banded = highestBandedGrade();
        return definedGrades().stream().filter(grade -> grade > banded).toList();
    }

    TermCriteria withBandSets(List<BandSet> sets) {
        return new TermCriteria(term, alsoNamed, meddraCode, soc, gradedBy, direction, join, nciText, gradingNote, sets,
                notGraded);
    }
}
