package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.catalog.CatalogContents;
import org.toxwatch.regimens.catalog.CatalogReader;
import org.toxwatch.regimens.catalog.DrugAlias;
import org.toxwatch.regimens.catalog.InstitutionOverrides;
import org.toxwatch.regimens.catalog.RegimenCatalogException;
import org.toxwatch.regimens.catalog.RegimenEntry;
import org.toxwatch.regimens.course.CourseHistory;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.precycle.LabRequirement;
import org.toxwatch.regimens.precycle.PreCycleCheck;
import org.toxwatch.regimens.resume.HeldRule;
import org.toxwatch.regimens.resume.ResumeCheck;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.OccurrenceFamily;
import org.toxwatch.regimens.rules.Region;
import org.toxwatch.regimens.rules.ResumeCondition;

/**
 * The regimen rule catalog: versioned rule files (plus an optional institution override file) turned into dose advice
 * for one finding, or several findings of one patient, in one course.
 *
 * <p>Immutable and thread-safe. Every method is a pure function of its arguments: what the advisor remembers (prior
 * occurrences, confirmed qualifiers, holds) comes in as input. Advice is a recommendation for a clinician to
 * acknowledge; the catalog never changes a dose. Drugs the catalog does not know yield no advice: callers check
 * {@link #knowsDrug} and report them.
 */
public final class RegimenCatalog {

    private static final String STANDARD_INDEX = "/regimens/catalog.yaml";

    private static volatile RegimenCatalog standard;

    private final CatalogContents contents;
    private final InstitutionOverrides overrides;
    private final Map<String, DrugBinding> drugs;
    /**
     * The rules bound to a drug, by drug and the course's set of drugs (all they depend on): binding them again for
     * every finding of every course was a tenth of the dose-advisor's CPU. Keyed as the course spells its drugs, with no
     * key string built per finding (that was 3.2 % of the advisor's samples in stop 16's default run). Bounded, as
     * course drug names come from outside.
     */
    private final Map<BindingKey, List<BoundRule>> boundByDrugAndCombination = new ConcurrentHashMap<>();
    private static final int MAX_BOUND_ENTRIES = 4_096;

    private RegimenCatalog(CatalogContents contents, InstitutionOverrides overrides) {
        this.contents = contents;
        this.overrides = overrides;
        var byName = new LinkedHashMap<String, DrugBinding>();
        for (RegimenEntry entry : contents.entries()) {
            if (entry.isCombination()) {
                continue; // a combination is not a drug a course can name
            }
            byName.put(key(entry.drug()), new DrugBinding(entry, null));
            for (DrugAlias alias : entry.aliases()) {
                byName.put(key(alias.drug()), new DrugBinding(entry, alias));
            }
        }
        this.drugs = Map.copyOf(byName);
    }

    /** The catalog shipped with this module (classpath {@code /regimens/catalog.yaml}); loaded and checked once. */
    public static RegimenCatalog standard() {
        RegimenCatalog catalog = standard;
        if (catalog == null) {
            synchronized (RegimenCatalog.class) {
                catalog = standard;
                if (catalog == null) {
                    // a failed load throws to every caller and is retried, rather than leaving a broken class behind
                    catalog = loadStandard();
                    standard = catalog;
                }
            }
        }
        return catalog;
    }

    /** Loads a catalog from its index file; the files it lists are read from the same folder. */
    public static RegimenCatalog load(Path index) {
        return load(url(index));
    }

    /** Loads a catalog from its index; the files it lists are resolved relative to it (file: and jar: URLs). */
    public static RegimenCatalog load(URL index) {
        return new RegimenCatalog(new CatalogReader().read(index), null);
    }

    /**
     * This catalog with an institution's override file applied (replacing any loaded before). The file is checked
     * against the catalog; a broken file throws {@link RegimenCatalogException} and nothing is applied.
     */
    public RegimenCatalog withOverrides(Path overrideFile) {
        return withOverrides(url(overrideFile));
    }

    public RegimenCatalog withOverrides(URL overrideFile) {
        InstitutionOverrides loaded = new CatalogReader().readOverrides(overrideFile, contents);
        CatalogContents regional = loaded.region() == null ? contents : contents.inRegion(loaded.region());
        return new RegimenCatalog(regional, loaded);
    }

    /** This catalog deployed in {@code region} (null: every region's rows, the most severe action wins). */
    public RegimenCatalog inRegion(Region region) {
        return new RegimenCatalog(contents.inRegion(region), overrides);
    }

    public String version() {
        return contents.version();
    }

    public String ctcaeVersion() {
        return contents.ctcaeVersion();
    }

    /** The deployment region; empty when rows of every region are evaluated. */
    public Optional<Region> region() {
        return Optional.ofNullable(contents.region());
    }

    public Optional<InstitutionOverrides> overrides() {
        return Optional.ofNullable(overrides);
    }

    /** The ward calendar used to date findings for pre-cycle windows. */
    public ZoneId calendarZone() {
        return contents.calendarZone();
    }

    /** Whether the catalog has rules for {@code drug}, by its own name or as an alias (e.g. sintilimab → PD-1 class). */
    public boolean knowsDrug(String drug) {
        return drug != null && drugs.containsKey(key(drug));
    }

    /** The rules of {@code drug}'s own file, in file order; empty for an unknown drug. */
    public List<DoseRule> rules(String drug) {
        return binding(drug).map(binding -> binding.entry().rules()).orElse(List.of());
    }

    /** Why some or all of {@code drug}'s rules are missing (sources not retrieved); empty when nothing is known missing. */
    public Optional<String> rulesGap(String drug) {
        return binding(drug).map(binding -> binding.entry().rulesGap());
    }

    /** A rule by id, from the catalog or the loaded overrides. */
    public Optional<DoseRule> rule(String ruleId) {
        return allRules().filter(rule -> rule.id().equals(ruleId)).findFirst();
    }

    /**
     * The dose ladder for {@code drug} at {@code bodyWeightKg}; empty for drugs without dose reductions (PD-1
     * inhibitors), drugs whose ladder was not retrieved, unknown drugs, and a weight-banded ladder when the weight is
     * unknown.
     */
    public Optional<DoseLadder> ladder(String drug, BigDecimal bodyWeightKg) {
        return binding(drug).flatMap(binding -> binding.entry().ladderFor(bodyWeightKg));
    }

    /** At most one advice per drug of the course: the most severe action among the rules that fired for it. */
    public List<DoseAdvice> advise(CourseSnapshot course, Finding finding) {
        return evaluate(course, finding).advice();
    }

    /** Like {@link #advise}, and also lists the rules that could not be evaluated on this finding, with the reason. */
    public DoseEvaluation evaluate(CourseSnapshot course, Finding finding) {
        return evaluate(course, finding, List.of(), rule -> true);
    }

    /**
     * Several findings of one patient given together (e.g. an ALT and a total bilirubin drawn the same morning, in
     * separate observations), so rules that combine them (Hy's-law-like stop, rules.csv line 136) can fire. Each
     * finding is evaluated with the others as companions; per drug the most severe advice is kept.
     */
    public DoseEvaluation evaluateTogether(CourseSnapshot course, List<Finding> findings) {
        var advice = new LinkedHashMap<String, DoseAdvice>();
        var notEvaluable = new LinkedHashSet<RuleNotEvaluable>();
        for (Finding finding : findings) {
            DoseEvaluation one = evaluate(course, finding, findings, rule -> true);
            one.advice().forEach(candidate -> advice.merge(candidate.drug(), candidate,
                    (kept, other) -> other.action().compareTo(kept.action()) > 0 ? other : kept));
            notEvaluable.addAll(one.notEvaluable());
        }
        return new DoseEvaluation(List.copyOf(advice.values()), List.copyOf(notEvaluable));
    }

    /**
     * The occurrence families {@code finding} counts toward, per drug of the course: what the advisor adds to its
     * counts after recording this finding as a new episode.
     */
    public List<OccurrenceKey> occurrencesOf(CourseSnapshot course, Finding finding) {
        var keys = new ArrayList<OccurrenceKey>();
        for (String drug : course.doseLevelByDrug().keySet()) {
            binding(drug).ifPresent(binding -> boundRules(drug, binding, course).stream()
                    .map(BoundRule::family).filter(family -> family != null && family.counts(finding))
                    .map(family -> new OccurrenceKey(drug, family.id())).distinct().forEach(keys::add));
        }
        return keys;
    }

    /**
     * The occurrence families that read {@code finding}'s term, per drug of the course, whether or not the finding is in
     * their grade band: a gradable finding of such a term below the band ends the family's running episode.
     */
    public List<OccurrenceKey> occurrenceFamiliesReading(CourseSnapshot course, Finding finding) {
        var keys = new ArrayList<OccurrenceKey>();
        for (String drug : course.doseLevelByDrug().keySet()) {
            binding(drug).ifPresent(binding -> boundRules(drug, binding, course).stream()
                    .map(BoundRule::family).filter(family -> family != null && family.terms().contains(finding.term()))
                    .map(family -> new OccurrenceKey(drug, family.id())).distinct().forEach(keys::add));
        }
        return keys;
    }

    /**
     * Re-reads only the rules that combine two findings (Hy's-law-like stop) on an earlier {@code finding}, because a
     * later one in {@code together} may complete the pair: a bilirubin that arrives after its ALT.
     */
    public DoseEvaluation evaluateCombinedRules(CourseSnapshot course, Finding finding, List<Finding> together) {
        return evaluate(course, finding, together, rule -> rule.trigger().together() != null);
    }

    /** {@link #evaluate(CourseSnapshot, Finding)} with other findings of the patient given as companions. */
    public DoseEvaluation evaluate(CourseSnapshot course, Finding finding, List<Finding> together) {
        return evaluate(course, finding, together, rule -> true);
    }

    /**
     * Whether later results meet the resume criterion of a held rule: every part (a grade at or below a limit, a value
     * at or above a minimum, a clinician-confirmed qualifier) read from the latest result taken after the hold.
     */
    public ResumeCheck resumeCheck(HeldRule hold, List<Finding> laterFindings, CourseHistory history) {
        DoseRule rule = rule(hold.ruleId()).orElseThrow(() -> new IllegalArgumentException("unknown rule " + hold.ruleId()));
        String criterion = rule.resumeWhen() == null ? "(no resume criterion in the source)" : rule.resumeWhen();
        if (rule.resumeCriteria().isEmpty() || rule.action() == DoseAction.DISCONTINUE) {
            return new ResumeCheck(ResumeCheck.Status.NO_CRITERION, rule.id(), criterion, List.of(), List.of(),
                    List.of(rule.action() == DoseAction.DISCONTINUE ? "the drug is stopped for good"
                            : "the criterion is not written as data: a clinician decides"));
        }
        var met = new ArrayList<String>();
        var unmet = new ArrayList<String>();
        var awaiting = new ArrayList<String>();
        for (ResumeCondition condition : rule.resumeCriteria()) {
            String part = condition.describe(hold.term());
            if (condition.qualifier() != null) {
                (history.confirmed(condition.qualifier().id()) ? met : awaiting).add(part);
                continue;
            }
            Predicate<Finding> relevant = condition.value() != null
                    ? finding -> condition.analyte().equals(finding.analyte())
                    : finding -> (condition.term() == null ? hold.term() : condition.term()).equals(finding.term());
            Optional<Finding> latest = laterFindings.stream()
                    .filter(finding -> finding.effectiveTime() != null && finding.effectiveTime().isAfter(hold.heldAt()))
                    .filter(relevant)
                    .max(Comparator.comparing(Finding::effectiveTime));
            if (latest.isEmpty()) {
                awaiting.add(part + ": no result after " + hold.heldAt());
                continue;
            }
            Finding result = latest.get();
            if (condition.value() != null) {
                if (result.value() == null || !condition.unit().equals(result.unit())) {
                    awaiting.add(part + ": the latest result (" + result.effectiveTime() + ") has no value in " + condition.unit());
                } else {
                    String read = part + " (" + result.analyteLabel() + " " + result.value().stripTrailingZeros().toPlainString()
                            + " " + result.unit() + " at " + result.effectiveTime() + ")";
                    (condition.value().contains(result.value()) ? met : unmet).add(read);
                }
            } else if (result.grade() == null) {
                awaiting.add(part + ": the latest result (" + result.effectiveTime() + ") is not gradable");
            } else {
                String read = part + " (grade " + result.grade() + " at " + result.effectiveTime() + ")";
                (result.grade() <= condition.gradeAtMost() ? met : unmet).add(read);
            }
        }
        ResumeCheck.Status status = !unmet.isEmpty() ? ResumeCheck.Status.NOT_YET
                : !awaiting.isEmpty() ? ResumeCheck.Status.AWAITING_RESULTS : ResumeCheck.Status.ELIGIBLE;
        return new ResumeCheck(status, rule.id(), criterion, met, unmet, awaiting);
    }

    /** {@link #resumeCheck} on one later result, nothing confirmed. */
    public ResumeCheck resumeEligible(HeldRule hold, Finding laterFinding) {
        return resumeCheck(hold, List.of(laterFinding), CourseHistory.unknown());
    }

    /**
     * The pre-cycle treatment parameters of every drug of the course before planned cycle {@code cycleNumber}: for each
     * pre-cycle rule, the latest lab of its term taken inside its window (ward dates, the cycle's day 1 included).
     * A minimum not met gives DELAY_CYCLE advice; a lab missing from its window is named in {@code labsRequired}.
     */
    public PreCycleCheck preCycleCheck(CourseSnapshot course, int cycleNumber, List<Finding> labs) {
        PlannedCycle cycle = course.cycle(cycleNumber)
                .orElseThrow(() -> new IllegalArgumentException("course " + course.courseId() + " plans no cycle " + cycleNumber));
        var delays = new ArrayList<DoseAdvice>();
        var required = new ArrayList<LabRequirement>();
        var notEvaluable = new ArrayList<RuleNotEvaluable>();
        course.doseLevelByDrug().forEach((drug, level) -> binding(drug).ifPresent(binding -> {
            List<BoundRule> preCycle = boundRules(drug, binding, course).stream()
                    .filter(bound -> bound.rule().trigger().preCycleDays() != null && bound.rule().action().changesTreatment())
                    .toList();
            var latestLabs = new LinkedHashSet<Finding>();
            for (BoundRule bound : preCycle) {
                LocalDate start = cycle.plannedStart().minusDays(bound.rule().trigger().preCycleDays());
                Optional<Finding> latest = labs.stream()
                        .filter(lab -> contents.ctcaeVersion().equals(lab.ctcaeVersion()) && bound.rule().reads(lab.term()))
                        .filter(lab -> lab.effectiveTime() != null)
                        .filter(lab -> {
                            LocalDate drawn = LocalDate.ofInstant(lab.effectiveTime(), contents.calendarZone());
                            return !drawn.isBefore(start) && !drawn.isAfter(cycle.plannedStart());
                        })
                        .max(Comparator.comparing(Finding::effectiveTime));
                if (latest.isPresent()) {
                    latestLabs.add(latest.get());
                } else {
                    bound.rule().terms().forEach(term -> required.add(
                            new LabRequirement(term, drug, bound.rule().id(), start, cycle.plannedStart())));
                }
            }
            Predicate<DoseRule> preCycleOnly = rule -> rule.trigger().preCycleDays() != null;
            DoseAdvice worst = null;
            var alsoBelow = new ArrayList<String>();
            for (Finding lab : latestLabs) {
                var assessment = new RuleAssessment(drug, level, binding.entry(), boundRules(drug, binding, course),
                        course, lab, List.of(), contents.calendarZone(), preCycleOnly);
                notEvaluable.addAll(assessment.notEvaluable());
                Optional<DoseAdvice> advice = assessment.advice();
                if (advice.isPresent()) {
                    if (worst == null || advice.get().action().compareTo(worst.action()) > 0) {
                        if (worst != null) {
                            alsoBelow.add(worst.rule().id());
                        }
                        worst = advice.get();
                    } else {
                        alsoBelow.add(advice.get().rule().id());
                    }
                }
            }
            if (worst != null) {
                delays.add(alsoBelow.isEmpty() ? worst : new DoseAdvice(worst.drug(), worst.action(), worst.rule(),
                        worst.currentLevel(), worst.recommendedLevel(), worst.resumeWhen(),
                        worst.explanation() + " Other pre-cycle minimums not met: " + String.join(", ", alsoBelow) + "."));
            }
        }));
        PreCycleCheck.Status status = !delays.isEmpty() ? PreCycleCheck.Status.DELAY_CYCLE
                : !required.isEmpty() ? PreCycleCheck.Status.LABS_REQUIRED
                : !notEvaluable.isEmpty() ? PreCycleCheck.Status.NOT_EVALUABLE
                : PreCycleCheck.Status.READY;
        return new PreCycleCheck(cycle, status, delays, required, notEvaluable);
    }

    private DoseEvaluation evaluate(CourseSnapshot course, Finding finding, List<Finding> together,
            Predicate<DoseRule> applies) {
        var advice = new ArrayList<DoseAdvice>();
        var notEvaluable = new ArrayList<RuleNotEvaluable>();
        course.doseLevelByDrug().forEach((drug, level) -> binding(drug).ifPresent(binding -> {
            if (!contents.ctcaeVersion().equals(finding.ctcaeVersion())) {
                // term names and bands differ between versions (v6 renames Platelet count decreased), so nothing is read
                notEvaluable.add(new RuleNotEvaluable(drug, null, "finding graded under CTCAE v" + finding.ctcaeVersion()
                        + " but the catalog's rules are written for CTCAE v" + contents.ctcaeVersion()));
                return;
            }
            var assessment = new RuleAssessment(drug, level, binding.entry(), boundRules(drug, binding, course), course,
                    finding, together, contents.calendarZone(), applies);
            assessment.advice().ifPresent(advice::add);
            notEvaluable.addAll(assessment.notEvaluable());
        }));
        return new DoseEvaluation(advice, notEvaluable);
    }

    /**
     * The rules that apply to one drug of a course, in order: institution overrides for the drug, the drug's own file
     * (less replaced rules), then combination files whose every group is in the course; rows of other regions are left
     * out when a region is set.
     */
    private List<BoundRule> boundRules(String drug, DrugBinding binding, CourseSnapshot course) {
        var cacheKey = new BindingKey(drug, course.doseLevelByDrug().keySet());
        List<BoundRule> known = boundByDrugAndCombination.get(cacheKey);
        if (known != null) {
            return known;
        }
        List<BoundRule> bound = bind(drug, binding, course);
        if (boundByDrugAndCombination.size() < MAX_BOUND_ENTRIES) {
            boundByDrugAndCombination.putIfAbsent(cacheKey, bound);
        }
        return bound;
    }

    /** A drug and the drugs of a course, as the course names them (a set: their order does not change the rules). */
    private record BindingKey(String drug, Set<String> courseDrugs) {
    }

    private List<BoundRule> bind(String drug, DrugBinding binding, CourseSnapshot course) {
        Set<String> replaced = overrides == null ? Set.of() : overrides.replacedRuleIds();
        var bound = new ArrayList<BoundRule>();
        if (overrides != null) {
            overrides.rulesFor(binding.entry().drug()).forEach(rule -> bound.add(bind(rule, binding.alias(), binding.entry())));
        }
        binding.entry().rules().stream().filter(rule -> !replaced.contains(rule.id()))
                .forEach(rule -> bound.add(bind(rule, binding.alias(), binding.entry())));
        for (RegimenEntry combination : contents.entries()) {
            if (combination.isCombination() && inCombination(drug, binding, combination) && combinationComplete(course, combination)) {
                combination.rules().stream().filter(rule -> !replaced.contains(rule.id()))
                        .forEach(rule -> bound.add(bind(rule, null, combination)));
            }
        }
        Region region = contents.region();
        return bound.stream().filter(b -> region == null || b.rule().region() == null || b.rule().region() == region).toList();
    }

    private static BoundRule bind(DoseRule rule, DrugAlias alias, RegimenEntry declaredIn) {
        OccurrenceFamily family = rule.occurrence() == null ? null
                : declaredIn.family(rule.occurrence().family()).orElse(null);
        return new BoundRule(rule, alias, family);
    }

    private static boolean inCombination(String drug, DrugBinding binding, RegimenEntry combination) {
        return combination.combination().stream().anyMatch(group -> named(group, drug, binding));
    }

    private boolean combinationComplete(CourseSnapshot course, RegimenEntry combination) {
        return combination.combination().stream().allMatch(group -> course.doseLevelByDrug().keySet().stream()
                .anyMatch(drug -> binding(drug).map(b -> named(group, drug, b)).orElse(false)));
    }

    private static boolean named(List<String> group, String drug, DrugBinding binding) {
        return group.stream().anyMatch(name -> key(name).equals(key(drug)) || name.equals(binding.entry().drug()));
    }

    private java.util.stream.Stream<DoseRule> allRules() {
        var catalogRules = contents.entries().stream().flatMap(entry -> entry.rules().stream());
        return overrides == null ? catalogRules
                : java.util.stream.Stream.concat(overrides.rules().stream(), catalogRules);
    }

    private Optional<DrugBinding> binding(String drug) {
        return drug == null ? Optional.empty() : Optional.ofNullable(drugs.get(key(drug)));
    }

    private static String key(String drug) {
        return drug.trim().toLowerCase(Locale.ROOT);
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new RegimenCatalogException(file.toString(), List.of("not a readable location: " + e.getMessage()));
        }
    }

    /** A drug name bound to its catalog entry; {@code alias} is null when the name is the entry's own. */
    private record DrugBinding(RegimenEntry entry, DrugAlias alias) {
    }

    private static RegimenCatalog loadStandard() {
        URL index = RegimenCatalog.class.getResource(STANDARD_INDEX);
        if (index == null) {
            throw new RegimenCatalogException(STANDARD_INDEX, List.of("not found on the classpath"));
        }
        return load(index);
    }
}
