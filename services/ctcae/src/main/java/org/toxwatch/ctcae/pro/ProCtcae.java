package org.toxwatch.ctcae.pro;

import org.toxwatch.ctcae.criteria.CtcaeCriteria;
import org.toxwatch.ctcae.criteria.TermCriteria;
import org.toxwatch.ctcae.datafile.DataFileReader;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.GradeBand;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Patient-reported PRO-CTCAE answers turned into a composite grade (Basch et al., Clin Trials 2021) and from there
 * into a suggested CTCAE grade for the item's term, with an explanation naming the answers, the table row, its source
 * and whether that row is verified. Items and tables are data: {@code ctcae/pro-ctcae-composite.yaml}, validated
 * against {@code ctcae/schema/pro-ctcae-composite.schema.json} and checked for meaning when loaded (a broken file
 * throws {@link InvalidDataFileException}). Immutable and thread-safe.
 *
 * <pre>{@code
 * ProCtcaeAnswers answers = ProCtcaeAnswers.read("nausea", Map.of("frequency", 3, "severity", 2), null);
 * Grading suggestion = ProCtcae.standard().suggest(answers, CtcaeGrader.forVersion("5.0")); // Nausea grade 2
 * }</pre>
 */
public final class ProCtcae {

    /** The band basis of a suggested grade (graded-adverse-event.v1 {@code band.basis}). */
    public static final String BASIS = "PRO_CTCAE_COMPOSITE";

    private static final String FILE = "ctcae/pro-ctcae-composite.yaml";
    private static final String SCHEMA = "ctcae/schema/pro-ctcae-composite.schema.json";
    private static final String STANDARD_RECALL = "P7D";

    private final String version;
    private final String source;
    private final List<ProCtcaeItem> items;
    private final List<CompositeTable> tables;
    private final Map<List<ProCtcaeAttribute>, CompositeTable> tableByAttributes;
    private final Map<String, Map<List<Integer>, CompositeRow>> rowsByTable;

    private ProCtcae(CompositeFile file, Map<String, Map<List<Integer>, CompositeRow>> rowsByTable) {
        this.version = file.version();
        this.source = file.source();
        this.items = List.copyOf(file.items());
        this.tables = List.copyOf(file.tables());
        Map<List<ProCtcaeAttribute>, CompositeTable> tables = new HashMap<>();
        file.tables().forEach(table -> tables.put(table.attributes(), table));
        this.tableByAttributes = Map.copyOf(tables);
        this.rowsByTable = Map.copyOf(rowsByTable);
    }

    /** The shipped items and tables. */
    public static ProCtcae standard() {
        return Standard.INSTANCE;
    }

    /** Loads and checks a file from the classpath (tests, or a site's own file). */
    public static ProCtcae load(String resource) {
        return load(resource, ProCtcae.class.getClassLoader());
    }

    public static ProCtcae load(String resource, ClassLoader classLoader) {
        CompositeFile file = DataFileReader.read(resource, SCHEMA, CompositeFile.class, classLoader);
        List<String> problems = new ArrayList<>();
        Map<String, Map<List<Integer>, CompositeRow>> rowsByTable = new LinkedHashMap<>();
        Set<List<ProCtcaeAttribute>> attributeSets = new HashSet<>();
        for (CompositeTable table : file.tables()) {
            if (rowsByTable.containsKey(table.id())) {
                problems.add("table " + table.id() + " appears twice");
            }
            if (!attributeSets.add(table.attributes())) {
                problems.add("table " + table.id() + ": another table already covers " + keys(table.attributes()));
            }
            rowsByTable.put(table.id(), checkedRows(table, problems));
        }
        Map<String, CompositeTable> tables = file.tables().stream()
                .collect(Collectors.toMap(CompositeTable::id, t -> t, (a, b) -> a));
        Set<String> ids = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (ProCtcaeItem item : file.items()) {
            String where = "item " + item.id();
            if (!ids.add(item.id())) {
                problems.add(where + " appears twice");
            }
            if (!numbers.add(item.number())) {
                problems.add(where + ": item number " + item.number() + " is used twice");
            }
            Optional<CompositeTable> table = tables.values().stream()
                    .filter(t -> t.attributes().equals(item.attributes())).findFirst();
            if (table.isEmpty()) {
                problems.add(where + ": no table for the attributes " + keys(item.attributes()));
                continue;
            }
            if (item.suggests() != null) {
                checkTerm(item, table.get(), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataFileException(resource, problems);
        }
        return new ProCtcae(file, rowsByTable);
    }

    public String version() {
        return version;
    }

    public String source() {
        return source;
    }

    /** Items in file order. */
    public List<ProCtcaeItem> items() {
        return items;
    }

    /** By id ({@code decreased-appetite}), in any case. */
    public Optional<ProCtcaeItem> item(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return items.stream().filter(item -> item.id().equals(wanted)).findFirst();
    }

    /** Tables in file order. */
    public List<CompositeTable> tables() {
        return tables;
    }

    /** The table for an item's attributes (every item has one; the loader checks). */
    public CompositeTable table(ProCtcaeItem item) {
        return tableByAttributes.get(item.attributes());
    }

    /**
     * The composite grade of one item's answers. A missing answer leaves it not gradable with the reason (never read
     * as 0), except one NCI's branching did not ask because an earlier answer was 0.
     *
     * @throws AnswersRefusedException for an unknown item, a question the item does not ask, or a first answer of 0
     *                                 followed by a later answer above 0
     */
    public CompositeGrade composite(ProCtcaeAnswers answers) {
        ProCtcaeItem item = item(answers.item()).orElseThrow(() -> new AnswersRefusedException(
                AnswersRefusedException.Reason.UNKNOWN_PRO_CTCAE_ITEM, "ToxWatch knows no PRO-CTCAE item '"
                        + answers.item() + "'; it accepts " + items.stream().map(ProCtcaeItem::id)
                        .collect(Collectors.joining(", "))));
        for (ProCtcaeAttribute asked : answers.scores().keySet()) {
            if (!item.attributes().contains(asked)) {
                throw invalid(item.describe() + " asks no " + asked.key() + " question; it asks "
                        + keys(item.attributes()));
            }
        }
        List<ProCtcaeAttribute> attributes = item.attributes();
        ProCtcaeAttribute first = attributes.get(0);
        Integer firstScore = answers.scores().get(first);
        if (firstScore != null && firstScore == 0) {
            for (ProCtcaeAttribute later : attributes.subList(1, attributes.size())) {
                Integer score = answers.scores().get(later);
                if (score != null && score > 0) {
                    throw invalid(item.describe() + ": " + first.describe(0) + " but " + later.describe(score)
                            + "; after " + first.key() + " 0 NCI's branching asks no " + later.key()
                            + " question, so the answers contradict each other");
                }
            }
        }
        Map<ProCtcaeAttribute, Integer> scores = new EnumMap<>(ProCtcaeAttribute.class);
        Set<ProCtcaeAttribute> notAsked = EnumSet.noneOf(ProCtcaeAttribute.class);
        List<ProCtcaeAttribute> missing = new ArrayList<>();
        boolean earlierZero = false;
        for (ProCtcaeAttribute attribute : attributes) {
            Integer score = answers.scores().get(attribute);
            if (score == null && earlierZero) {
                notAsked.add(attribute);
                score = 0;
            }
            if (score == null) {
                missing.add(attribute);
                continue;
            }
            scores.put(attribute, score);
            earlierZero |= score == 0;
        }
        String recall = recall(answers.recallPeriod());
        if (!missing.isEmpty()) {
            return new CompositeGrade(item, null, scores, notAsked, null, null, null, item.describe() + recall + ": "
                    + keys(missing) + (missing.size() == 1 ? " was" : " were") + " not answered; the composite grade"
                    + " needs " + keys(attributes) + ", and a missing answer is never read as 0");
        }
        CompositeTable table = table(item);
        CompositeRow row = rowsByTable.get(table.id()).get(ordered(scores, attributes));
        if (row == null) {
            throw new IllegalStateException("table " + table.id() + " has no row for " + scores); // the loader checks
        }
        String rowSource = table.source() != null ? table.source() : source;
        StringBuilder why = new StringBuilder(item.describe()).append(recall).append(": ")
                .append(attributes.stream().map(a -> a.describe(scores.get(a))).collect(Collectors.joining(", ")));
        notAsked.forEach(a -> why.append(" (").append(a.key()).append(" not asked after an earlier answer of 0, NCI's ")
                .append("conditional branching, so it counts as 0)"));
        String give = attributes.size() == 1 ? " gives" : " give";
        why.append(row.grade() != null ? give + " composite grade " + row.grade() : give + " no composite grade: "
                + row.notGradable());
        why.append(" (").append(CompositeGrade.rowName(table, row)).append("; ").append(rowSource).append("; ")
                .append(table.verified() ? "verified against its source" : "UNVERIFIED: not checked against a published "
                        + "table by a clinician").append(')');
        if (row.note() != null) {
            why.append(". Note: ").append(row.note());
        }
        return new CompositeGrade(item, row.grade(), scores, notAsked, table, row, rowSource, why.toString());
    }

    /**
     * As {@link #composite}, and refuses an item whose grade suggests no CTCAE term we grade: what a report needs to be
     * accepted, before knowing the patient's CTCAE version.
     *
     * @throws AnswersRefusedException as {@link #composite}, or NO_CTCAE_TERM
     */
    public CompositeGrade check(ProCtcaeAnswers answers) {
        CompositeGrade composite = composite(answers);
        if (composite.item().suggests() == null) {
            throw new AnswersRefusedException(AnswersRefusedException.Reason.NO_CTCAE_TERM, composite.item().describe()
                    + " suggests no CTCAE term: " + composite.item().noTerm() + ". " + composite.explanation());
        }
        return composite;
    }

    /**
     * The CTCAE grade the answers suggest for the item's term under the grader's version: composite grade n suggests
     * grade n, checked against the grades NCI defines for the term. GRADED with basis {@link #BASIS}, or NOT_GRADABLE
     * with the reason; the explanation says it is a suggestion from the patient's answers and names the row.
     *
     * @throws AnswersRefusedException as {@link #check}
     */
    public Grading suggest(ProCtcaeAnswers answers, CtcaeGrader grader) {
        CompositeGrade composite = check(answers);
        ProCtcaeItem.Suggestion suggestion = composite.item().suggests();
        TermCriteria term = grader.term(suggestion.term()).orElseThrow(() -> new AnswersRefusedException(
                AnswersRefusedException.Reason.NO_CTCAE_TERM, "CTCAE v" + grader.version() + " has no term '"
                        + suggestion.term() + "' for " + composite.item().describe()));
        String name = term.term();
        String version = grader.version();
        String from = " from the patient's PRO-CTCAE answers: ";
        if (!composite.isGradable()) {
            return new Grading(name, version, null, GradingStatus.NOT_GRADABLE, null, null, null, null, null, null,
                    null, name + " not gradable (CTCAE v" + version + ")" + from + composite.explanation() + ".");
        }
        int grade = composite.grade();
        String mapping = " Composite grade " + grade + " is read as CTCAE grade " + grade + " of " + name + " ("
                + suggestion.reading() + "; " + (suggestion.verified() ? "verified" : "UNVERIFIED") + ")";
        String suggestionOnly = " A suggestion from patient-reported answers, not a clinician's grade: confirm it.";
        if (grade == 0) {
            return new Grading(name, version, 0, GradingStatus.GRADED, null, BigDecimal.ZERO, null, null, null, null,
                    null, name + " grade 0 (CTCAE v" + version + ") suggested" + from + composite.explanation() + "."
                    + mapping + ": the adverse event is absent." + suggestionOnly);
        }
        String nciText = term.nciText().get(grade);
        if (nciText == null) {
            return new Grading(name, version, null, GradingStatus.NOT_GRADABLE, null, null, null, null, null, null,
                    null, name + " not gradable (CTCAE v" + version + ")" + from + composite.explanation()
                    + ", but NCI defines no grade " + grade + " for " + name + "; a clinician must grade it.");
        }
        return new Grading(name, version, grade, GradingStatus.GRADED, null, BigDecimal.valueOf(grade), null, null,
                null, null, new GradeBand(grade, null, false, null, false, BASIS, nciText),
                name + " grade " + grade + " (CTCAE v" + version + ") suggested" + from + composite.explanation() + "."
                        + mapping + "; NCI grade " + grade + " is \"" + nciText + "\"." + suggestionOnly);
    }

    private static String recall(String period) {
        if (period == null || period.equals(STANDARD_RECALL)) {
            return " (past 7 days)";
        }
        return " (recall period " + period + ", not NCI's standard past 7 days the composite table was built on)";
    }

    private static List<Integer> ordered(Map<ProCtcaeAttribute, Integer> scores, List<ProCtcaeAttribute> attributes) {
        List<Integer> ordered = new ArrayList<>();
        attributes.forEach(a -> ordered.add(scores.get(a)));
        return ordered;
    }

    private static String keys(List<ProCtcaeAttribute> attributes) {
        return attributes.stream().map(ProCtcaeAttribute::key).collect(Collectors.joining(" and "));
    }

    private static AnswersRefusedException invalid(String detail) {
        return new AnswersRefusedException(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, detail);
    }

    /**
     * Rows keyed by their scores in the table's attribute order. Each combination the instrument can give appears
     * exactly once: all answers 0, and every combination whose first answer is above 0; a first answer of 0 with a
     * later one above 0 cannot be given (branching). Grades never fall when one answer rises (Basch et al. adjusted
     * five grades for this "directional consistency").
     */
    private static Map<List<Integer>, CompositeRow> checkedRows(CompositeTable table, List<String> problems) {
        String where = "table " + table.id();
        List<ProCtcaeAttribute> attributes = table.attributes();
        Map<List<Integer>, CompositeRow> rows = new LinkedHashMap<>();
        for (CompositeRow row : table.rows()) {
            List<Integer> scores = row.scores(attributes);
            Set<ProCtcaeAttribute> others = EnumSet.complementOf(EnumSet.copyOf(attributes));
            if (scores.contains(null) || others.stream().anyMatch(a -> row.score(a) != null)) {
                problems.add(where + ": row " + row + " must give exactly " + keys(attributes));
                continue;
            }
            if (rows.put(scores, row) != null) {
                problems.add(where + ": combination " + scores + " appears twice");
            }
        }
        Set<List<Integer>> expected = new TreeSet<>(ProCtcae::compare);
        List<Integer> zeros = new ArrayList<>();
        attributes.forEach(a -> zeros.add(0));
        expected.add(zeros);
        expected.addAll(combinations(attributes, 0));
        Set<List<Integer>> missing = new TreeSet<>(ProCtcae::compare);
        missing.addAll(expected);
        missing.removeAll(rows.keySet());
        Set<List<Integer>> extra = new TreeSet<>(ProCtcae::compare);
        extra.addAll(rows.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(where + ": no row for " + keys(attributes) + " = " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add(where + ": rows the instrument cannot give (first answer 0, a later one above 0): " + extra);
        }
        rows.forEach((scores, row) -> {
            for (int i = 0; i < scores.size(); i++) {
                List<Integer> higher = new ArrayList<>(scores);
                higher.set(i, scores.get(i) + 1);
                CompositeRow next = rows.get(higher);
                if (row.grade() != null && next != null && next.grade() != null && next.grade() < row.grade()) {
                    problems.add(where + ": grade falls from " + row.grade() + " at " + scores + " to "
                            + next.grade() + " at " + higher + " when " + attributes.get(i).key() + " rises");
                }
            }
        });
        return rows;
    }

    /** Every combination whose first score is 1..max and the others 0..max. */
    private static List<List<Integer>> combinations(List<ProCtcaeAttribute> attributes, int index) {
        List<List<Integer>> result = new ArrayList<>();
        if (index == attributes.size()) {
            result.add(new ArrayList<>());
            return result;
        }
        int from = index == 0 ? 1 : 0;
        for (List<Integer> tail : combinations(attributes, index + 1)) {
            for (int score = from; score <= attributes.get(index).maxScore(); score++) {
                List<Integer> combination = new ArrayList<>();
                combination.add(score);
                combination.addAll(tail);
                result.add(combination);
            }
        }
        return result;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * The suggested term must be one ToxWatch grades from a reported grade in every CTCAE version, under the name the
     * criteria files use, and define every grade above 0 the item's table can give.
     */
    private static void checkTerm(ProCtcaeItem item, CompositeTable table, List<String> problems) {
        String wanted = item.suggests().term();
        Set<Integer> grades = table.rows().stream().map(CompositeRow::grade)
                .filter(g -> g != null && g > 0).collect(Collectors.toCollection(TreeSet::new));
        for (String version : CtcaeCriteria.knownVersions()) {
            String where = "item " + item.id() + ", CTCAE v" + version;
            Optional<TermCriteria> found = CtcaeCriteria.forVersion(version).term(wanted)
                    .filter(t -> t.term().equals(wanted) || t.alsoNamed().contains(wanted));
            if (found.isEmpty()) {
                problems.add(where + ": no term named exactly '" + wanted + "'");
                continue;
            }
            TermCriteria term = found.get();
            if (!term.isReported()) {
                problems.add(where + ": '" + term.term() + "' is graded from values, not from a reported grade");
            }
            Set<Integer> undefined = new TreeSet<>(grades);
            undefined.removeAll(term.definedGrades());
            if (!undefined.isEmpty()) {
                problems.add(where + ": table " + table.id() + " can give grade(s) " + undefined + ", which NCI does "
                        + "not define for " + term.term());
            }
        }
    }

    private static final class Standard {
        static final ProCtcae INSTANCE = load(FILE);
    }
}
