package org.toxwatch.ctcae.analytes;

import org.toxwatch.ctcae.datafile.DataFileReader;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which analyte a LOINC code reports, and in which canonical unit. Loaded from {@code ctcae/analytes.yaml}, validated
 * against {@code ctcae/schema/analytes.schema.json}; immutable and thread-safe.
 */
public final class AnalyteCatalog {

    public static final String STANDARD_RESOURCE = "ctcae/analytes.yaml";
    public static final String BLOOD_PRESSURE_PANEL = "BLOOD_PRESSURE";
    private static final String SCHEMA = "ctcae/schema/analytes.schema.json";

    private final Map<String, AnalyteDefinition> analytesById;
    private final Map<String, AnalyteDefinition> analytesByLoinc;
    private final Map<String, PanelDefinition> panelsById;
    private final Map<String, PanelDefinition> panelsByLoinc;

    private AnalyteCatalog(Map<String, AnalyteDefinition> analytesById, Map<String, AnalyteDefinition> analytesByLoinc,
                           Map<String, PanelDefinition> panelsById, Map<String, PanelDefinition> panelsByLoinc) {
        this.analytesById = analytesById;
        this.analytesByLoinc = analytesByLoinc;
        this.panelsById = panelsById;
        this.panelsByLoinc = panelsByLoinc;
    }

    /** The catalog shipped with this module. */
    public static AnalyteCatalog standard() {
        return Standard.CATALOG;
    }

    /** Loads a catalog from another classpath resource (tests, or a site-specific catalog). */
    public static AnalyteCatalog load(String resource) {
        AnalyteFile file = DataFileReader.read(resource, SCHEMA, AnalyteFile.class);
        List<String> problems = new ArrayList<>();
        Map<String, AnalyteDefinition> byId = new LinkedHashMap<>();
        Map<String, AnalyteDefinition> byLoinc = new HashMap<>();
        for (AnalyteFile.Analyte entry : file.analytes()) {
            AnalyteFile.Range limits = entry.plausibleRange();
            if (limits.min().signum() < 0 || limits.min().compareTo(limits.max()) > 0) {
                problems.add(entry.id() + ": plausible range " + limits.min() + ".." + limits.max()
                        + " must start at zero or above and not be inverted");
                continue;
            }
            PlausibleRange range = new PlausibleRange(limits.min(), limits.max());
            OrdinalScale scale = entry.ordinalScale() == null ? null : ordinalScale(entry, problems);
            AnalyteDefinition analyte = new AnalyteDefinition(entry.id(), entry.displayName(), entry.loinc(),
                    entry.ucumUnit(), entry.molarMassGramsPerMole(), range, scale);
            if (byId.putIfAbsent(analyte.id(), analyte) != null) {
                problems.add("analyte id " + analyte.id() + " appears twice");
            }
            for (String loinc : analyte.loincCodes()) {
                AnalyteDefinition earlier = byLoinc.putIfAbsent(loinc, analyte);
                if (earlier != null) {
                    problems.add("LOINC " + loinc + " is claimed by both " + earlier.id() + " and " + analyte.id());
                }
            }
        }
        Map<String, PanelDefinition> panelsById = new LinkedHashMap<>();
        Map<String, PanelDefinition> panelsByLoinc = new HashMap<>();
        for (AnalyteFile.Panel entry : file.panels()) {
            PanelDefinition panel = new PanelDefinition(entry.id(), entry.displayName(), entry.loinc(),
                    entry.components());
            if (byId.containsKey(panel.id()) || panelsById.putIfAbsent(panel.id(), panel) != null) {
                problems.add("panel id " + panel.id() + " is not unique");
            }
            for (String component : panel.componentAnalyteIds()) {
                if (!byId.containsKey(component)) {
                    problems.add("panel " + panel.id() + " names unknown component analyte " + component);
                }
            }
            for (String loinc : panel.loincCodes()) {
                if (byLoinc.containsKey(loinc) || panelsByLoinc.putIfAbsent(loinc, panel) != null) {
                    problems.add("panel LOINC " + loinc + " is not unique");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataFileException(resource, problems);
        }
        return new AnalyteCatalog(Map.copyOf(byId), Map.copyOf(byLoinc), Map.copyOf(panelsById),
                Map.copyOf(panelsByLoinc));
    }

    /** Levels must rise strictly, and no spelling may name two levels. */
    private static OrdinalScale ordinalScale(AnalyteFile.Analyte entry, List<String> problems) {
        List<OrdinalScale.Level> levels = entry.ordinalScale().stream()
                .map(level -> new OrdinalScale.Level(level.level(), level.value(), level.spellings()))
                .toList();
        Map<String, String> levelBySpelling = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            OrdinalScale.Level level = levels.get(i);
            if (i > 0 && level.value().compareTo(levels.get(i - 1).value()) <= 0) {
                problems.add(entry.id() + ": ordinal level " + level.name() + " does not rank above "
                        + levels.get(i - 1).name());
            }
            List<String> spellings = new ArrayList<>(level.spellings());
            spellings.add(level.name());
            for (String spelling : spellings) {
                String earlier = levelBySpelling.putIfAbsent(OrdinalScale.key(spelling), level.name());
                if (earlier != null && !earlier.equals(level.name())) {
                    problems.add(entry.id() + ": spelling '" + spelling + "' names both " + earlier + " and "
                            + level.name());
                }
            }
        }
        return new OrdinalScale(levels);
    }

    public Optional<AnalyteDefinition> byLoinc(String loinc) {
        return loinc == null ? Optional.empty() : Optional.ofNullable(analytesByLoinc.get(loinc.trim()));
    }

    public Optional<AnalyteDefinition> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(analytesById.get(id));
    }

    /** The panel a LOINC code stands for, e.g. 85354-9 for blood pressure. */
    public Optional<PanelDefinition> panelByLoinc(String loinc) {
        return loinc == null ? Optional.empty() : Optional.ofNullable(panelsByLoinc.get(loinc.trim()));
    }

    public boolean isBloodPressurePanel(String loinc) {
        return panelByLoinc(loinc).map(panel -> panel.id().equals(BLOOD_PRESSURE_PANEL)).orElse(false);
    }

    public List<AnalyteDefinition> analytes() {
        return analytesById.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public List<PanelDefinition> panels() {
        return panelsById.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Shape of analytes.yaml. */
    record AnalyteFile(List<Analyte> analytes, List<Panel> panels) {

        record Analyte(String id, String displayName, List<String> loinc, String ucumUnit,
                       BigDecimal molarMassGramsPerMole, Range plausibleRange, List<Level> ordinalScale) {
        }

        record Level(String level, BigDecimal value, List<String> spellings) {
        }

        record Range(BigDecimal min, BigDecimal max) {
        }

        record Panel(String id, String displayName, List<String> loinc, List<String> components) {
        }
    }

    // Loaded on first use; a broken file fails the first caller loudly (and every later one).
    private static final class Standard {
        static final AnalyteCatalog CATALOG = load(STANDARD_RESOURCE);
    }
}
