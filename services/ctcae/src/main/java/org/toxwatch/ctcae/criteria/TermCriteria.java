package org.toxwatch.ctcae.criteria;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One CTCAE term of one version: NCI's text per grade and the band sets that grade it from numbers. The term's grade
 * is the highest grade over the band sets that apply.
 *
 * @param meddraCode  MedDRA LLT code as NCI lists it; null when unknown
 * @param nciText     NCI's wording per grade; grades without NCI text ("-") are absent
 * @param gradingNote what a number alone does not assess, appended to explanations; may be null
 */
public record TermCriteria(String term, String meddraCode, String soc, Direction direction,
                           Map<Integer, String> nciText, String gradingNote, List<BandSet> bandSets) {

    public TermCriteria {
        nciText = Map.copyOf(nciText);
        bandSets = List.copyOf(bandSets);
    }

    /** Analytes the term reads, in file order. */
    public List<String> analytes() {
        return bandSets.stream().map(BandSet::analyte).distinct().toList();
    }

    public List<BandSet> bandSetsFor(String analyte) {
        return bandSets.stream().filter(set -> set.analyte().equals(analyte)).toList();
    }

    public Optional<BandSet> bandSetFor(String analyte, BandSetCondition condition) {
        return bandSetsFor(analyte).stream().filter(set -> set.when() == condition).findFirst();
    }

    /** Whether grading this analyte depends on the baseline (v5 AST/ALT). */
    public boolean dependsOnBaseline(String analyte) {
        return bandSetsFor(analyte).stream().anyMatch(set -> set.when() != BandSetCondition.ALWAYS);
    }

    /** The highest grade a number alone can reach. */
    public int highestBandedGrade() {
        return bandSets.stream().mapToInt(BandSet::highestGrade).max().orElse(0);
    }

    /** Grades NCI describes that no band reaches: they need clinical findings (v5 Hypertension 4 and 5). */
    public List<Integer> clinicalOnlyGrades() {
        int banded = highestBandedGrade();
        return new TreeMap<>(nciText).keySet().stream().filter(grade -> grade > banded).toList();
    }
}
