package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.DoseEvaluation;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.catalog.CatalogContents;
import org.toxwatch.regimens.catalog.CatalogReader;
import org.toxwatch.regimens.catalog.DrugAlias;
import org.toxwatch.regimens.catalog.RegimenCatalogException;
import org.toxwatch.regimens.catalog.RegimenEntry;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.rules.DoseRule;

/**
 * The regimen rule catalog: versioned rule files turned into dose advice for one finding in one course.
 *
 * <p>Immutable and thread-safe. Advice is a recommendation for a clinician to acknowledge; the catalog never changes a
 * dose. Drugs the catalog does not know yield no advice: callers check {@link #knowsDrug} and report them.
 */
public final class RegimenCatalog {

    private static final String STANDARD_INDEX = "/regimens/catalog.yaml";

    private static volatile RegimenCatalog standard;

    private final CatalogContents contents;
    private final Map<String, DrugBinding> drugs;

    private RegimenCatalog(CatalogContents contents) {
        this.contents = contents;
        var byName = new LinkedHashMap<String, DrugBinding>();
        for (RegimenEntry entry : contents.entries()) {
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
        try {
            return load(index.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new RegimenCatalogException(index.toString(), List.of("not a readable location: " + e.getMessage()));
        }
    }

    /** Loads a catalog from its index; the files it lists are resolved relative to it (file: and jar: URLs). */
    public static RegimenCatalog load(URL index) {
        return new RegimenCatalog(new CatalogReader().read(index));
    }

    public String version() {
        return contents.version();
    }

    public String ctcaeVersion() {
        return contents.ctcaeVersion();
    }

    /** The ward calendar used to date findings for pre-cycle windows. */
    public ZoneId calendarZone() {
        return contents.calendarZone();
    }

    /** Whether the catalog has rules for {@code drug}, by its own name or as an alias (e.g. sintilimab → PD-1 class). */
    public boolean knowsDrug(String drug) {
        return drug != null && drugs.containsKey(key(drug));
    }

    /** The rules that apply to {@code drug}, in file order; empty for an unknown drug. */
    public List<DoseRule> rules(String drug) {
        return binding(drug).map(binding -> binding.entry().rules()).orElse(List.of());
    }

    /**
     * The dose ladder for {@code drug} at {@code bodyWeightKg}; empty for drugs without dose reductions (HAIC-FOLFOX,
     * PD-1 inhibitors), unknown drugs, and a weight-banded ladder when the weight is unknown.
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
        var advice = new ArrayList<DoseAdvice>();
        var notEvaluable = new ArrayList<RuleNotEvaluable>();
        course.doseLevelByDrug().forEach((drug, level) -> binding(drug).ifPresent(binding -> {
            if (!contents.ctcaeVersion().equals(finding.ctcaeVersion())) {
                // term names and bands differ between versions (v6 renames Platelet count decreased), so nothing is read
                notEvaluable.add(new RuleNotEvaluable(drug, null, "finding graded under CTCAE v" + finding.ctcaeVersion()
                        + " but the catalog's rules are written for CTCAE v" + contents.ctcaeVersion()));
                return;
            }
            var assessment = new RuleAssessment(drug, level, binding.entry(), binding.alias(), course, finding,
                    contents.calendarZone());
            assessment.advice().ifPresent(advice::add);
            notEvaluable.addAll(assessment.notEvaluable());
        }));
        return new DoseEvaluation(advice, notEvaluable);
    }

    private Optional<DrugBinding> binding(String drug) {
        return drug == null ? Optional.empty() : Optional.ofNullable(drugs.get(key(drug)));
    }

    private static String key(String drug) {
        return drug.trim().toLowerCase(Locale.ROOT);
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
