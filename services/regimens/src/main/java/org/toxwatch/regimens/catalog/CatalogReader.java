package org.toxwatch.regimens.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.catalog.CatalogFiles.IndexFile;
import org.toxwatch.regimens.catalog.CatalogFiles.IntervalFile;
import org.toxwatch.regimens.catalog.CatalogFiles.LadderFile;
import org.toxwatch.regimens.catalog.CatalogFiles.RegimenFile;
import org.toxwatch.regimens.catalog.CatalogFiles.RuleFile;
import org.toxwatch.regimens.catalog.CatalogFiles.TriggerFile;
import org.toxwatch.regimens.catalog.CatalogFiles.OverridesFile;
import org.toxwatch.regimens.catalog.CatalogFiles.OverrideRuleFile;
import org.toxwatch.regimens.catalog.CatalogFiles.QualifierFile;
import org.toxwatch.regimens.catalog.CatalogFiles.ResumeFile;
import org.toxwatch.regimens.catalog.CatalogFiles.ValueFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.toxwatch.regimens.rules.Companion;
import org.toxwatch.regimens.rules.OccurrenceCondition;
import org.toxwatch.regimens.rules.OccurrenceFamily;
import org.toxwatch.regimens.rules.OverrideOrigin;
import org.toxwatch.regimens.rules.Provenance;
import org.toxwatch.regimens.rules.Qualifier;
import org.toxwatch.regimens.rules.Region;
import org.toxwatch.regimens.rules.ResumeCondition;
import org.toxwatch.regimens.rules.RuleQualifiers;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Interval;
import org.toxwatch.regimens.rules.LiverStatus;
import org.toxwatch.regimens.rules.Measure;
import org.toxwatch.regimens.rules.SourceKind;
import org.toxwatch.regimens.rules.Trigger;

/**
 * Reads a catalog: the index, then every file it lists (resolved next to the index). Each file is parsed once, checked
 * against its JSON Schema, bound, and the whole catalog is then checked for consistency. Any problem rejects the
 * whole catalog, with every problem listed; a partly loaded catalog never advises.
 */
public final class CatalogReader {

    private static final String INDEX_SCHEMA = "/regimens/schema/catalog-index.schema.json";
    private static final String FILE_SCHEMA = "/regimens/schema/regimen-file.schema.json";
    private static final String OVERRIDES_SCHEMA = "/regimens/schema/institution-overrides.schema.json";

    // duplicate keys would let a later line silently override an earlier one; decimals stay exact
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Schema indexSchema;
    private final Schema fileSchema;
    private final Schema overridesSchema;

    public CatalogReader() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build()));
        indexSchema = registry.getSchema(classpathText(INDEX_SCHEMA), InputFormat.JSON);
        fileSchema = registry.getSchema(classpathText(FILE_SCHEMA), InputFormat.JSON);
        overridesSchema = registry.getSchema(overridesSchemaText(), InputFormat.JSON);
    }

    /** The override file schema borrows the rule definitions of the rule-file schema, so both formats stay one. */
    private String overridesSchemaText() {
        try {
            ObjectNode overrides = (ObjectNode) json.readTree(classpathText(OVERRIDES_SCHEMA));
            JsonNode ruleDefs = json.readTree(classpathText(FILE_SCHEMA)).get("$defs");
            overrides.set("$defs", ruleDefs);
            return json.writeValueAsString(overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CatalogContents read(URL indexUrl) {
        String location = indexUrl.toString();
        var problems = new ArrayList<String>();
        String indexName = fileName(indexUrl);
        Optional<IndexFile> index = parse(indexUrl, indexName, indexSchema, IndexFile.class, problems);
        if (index.isEmpty()) {
            throw new RegimenCatalogException(location, problems);
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(index.get().calendarZone());
        } catch (DateTimeException e) {
            problems.add(indexName + ": calendarZone '" + index.get().calendarZone() + "' is not a time zone id");
        }
        Region region = index.get().region() == null || "any".equals(index.get().region()) ? null
                : Region.fromCode(index.get().region());
        var files = new LinkedHashMap<String, RegimenFile>();
        for (String name : index.get().files()) {
            resolve(indexUrl, name, problems)
                    .flatMap(url -> parse(url, name, fileSchema, RegimenFile.class, problems))
                    .ifPresent(file -> files.put(name, file));
        }
        var entries = new ArrayList<RegimenEntry>();
        files.forEach((name, file) -> toEntry(name, file, files, problems).ifPresent(entries::add));
        problems.addAll(CatalogConsistency.check(index.get().ctcaeTerms(), entries));
        if (!problems.isEmpty()) {
            throw new RegimenCatalogException(location, problems);
        }
        return new CatalogContents(location, index.get().version(), index.get().ctcaeVersion(), zone, region,
                index.get().ctcaeTerms(), entries);
    }

    /**
     * Reads an institution override file against a loaded catalog: schema first, then every override must name a
     * drug of the catalog, replace rules that exist for that drug, and use known CTCAE terms. Any problem rejects the
     * file as a whole: a half-applied override would advise on a mix nobody signed off.
     */
    public InstitutionOverrides readOverrides(URL file, CatalogContents catalog) {
        String location = file.toString();
        var problems = new ArrayList<String>();
        String name = fileName(file);
        Optional<OverridesFile> parsed = parse(file, name, overridesSchema, OverridesFile.class, problems);
        if (parsed.isEmpty()) {
            throw new RegimenCatalogException(location, problems);
        }
        OverridesFile overrides = parsed.get();
        var rules = new ArrayList<DoseRule>();
        var known = new LinkedHashMap<String, RegimenEntry>();
        catalog.entries().forEach(entry -> {
            known.put(entry.drug(), entry);
            entry.aliases().forEach(alias -> known.put(alias.drug(), entry));
        });
        var catalogRuleIds = new java.util.HashSet<String>();
        catalog.entries().forEach(entry -> entry.rules().forEach(rule -> catalogRuleIds.add(rule.id())));
        var ids = new java.util.HashSet<String>();
        for (OverrideRuleFile override : overrides.rules() == null ? List.<OverrideRuleFile>of() : overrides.rules()) {
            String where = name + ": override " + override.rule().id();
            RegimenEntry entry = known.get(override.drug());
            if (entry == null) {
                problems.add(where + ": drug " + override.drug() + " is not in the catalog");
                continue;
            }
            if (!ids.add(override.rule().id()) || catalogRuleIds.contains(override.rule().id())) {
                problems.add(where + ": rule id is already used");
            }
            List<String> replaces = override.replaces() == null ? List.of() : override.replaces();
            for (String replaced : replaces) {
                if (entry.rules().stream().noneMatch(rule -> rule.id().equals(replaced))) {
                    problems.add(where + ": replaces " + replaced + ", which is not a rule of " + entry.drug());
                }
            }
            if (!"institution".equals(override.rule().sourceKind())) {
                problems.add(where + ": sourceKind must be institution in an override file");
            }
            for (String term : override.rule().terms()) {
                if (!DoseRuleTerms.known(term, catalog.ctcaeTerms())) {
                    problems.add(where + ": term '" + term + "' is not among the catalog's CTCAE terms");
                }
            }
            var origin = new OverrideOrigin(name, overrides.version(), overrides.institution(), replaces, override.approvedBy());
            build(name, "override " + override.rule().id(), problems,
                    () -> toRule(entry.drug(), override.rule(), origin)).ifPresent(rules::add);
        }
        if (!problems.isEmpty()) {
            throw new RegimenCatalogException(location, problems);
        }
        return new InstitutionOverrides(location, overrides.version(), overrides.institution(),
                overrides.region() == null || "any".equals(overrides.region()) ? null : Region.fromCode(overrides.region()),
                rules);
    }

    private <T> Optional<T> parse(URL url, String name, Schema schema, Class<T> type, List<String> problems) {
        JsonNode tree;
        try (InputStream in = url.openStream()) {
            tree = yaml.readTree(in);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            problems.add(name + ": is not valid YAML: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(name + ": cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            problems.add(name + ": is empty");
            return Optional.empty();
        }
        // the validator sees exactly the tree that gets bound, so YAML 1.1/1.2 differences cannot slip between them
        List<String> violations;
        try {
            violations = schema.validate(json.writeValueAsString(tree), InputFormat.JSON).stream()
                    .map(error -> name + ": " + error.toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!violations.isEmpty()) {
            problems.addAll(violations);
            return Optional.empty();
        }
        try {
            return Optional.of(yaml.treeToValue(tree, type));
        } catch (JsonProcessingException e) {
            problems.add(name + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private Optional<RegimenEntry> toEntry(String fileName, RegimenFile file, Map<String, RegimenFile> files,
            List<String> problems) {
        int before = problems.size();
        var aliases = file.aliases() == null ? List.<DrugAlias>of()
                : file.aliases().stream().map(a -> new DrugAlias(a.drug(), a.classInference(), a.note())).toList();
        var ladders = new ArrayList<DoseLadder>();
        var families = new ArrayList<OccurrenceFamily>();
        var rules = new ArrayList<DoseRule>();
        // a variant (haic-mfolfox6) takes its base's ladders, families and rules first, then adds its own
        if (file.extendsDrug() != null) {
            Optional<RegimenFile> base = files.values().stream().filter(f -> f.drug().equals(file.extendsDrug())).findFirst();
            if (base.isEmpty()) {
                problems.add(fileName + ": extends " + file.extendsDrug() + ", which is not a file of this catalog");
            } else if (base.get().extendsDrug() != null) {
                problems.add(fileName + ": extends " + file.extendsDrug() + ", which itself extends another: one level only");
            } else {
                addParts(fileName, base.get(), ladders, families, rules, problems);
            }
        }
        addParts(fileName, file, ladders, families, rules, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<String> dosing = file.dosing() == null ? List.of() : file.dosing().stream()
                .map(d -> d.text() + " (" + d.source() + ", dose_levels.csv line " + d.csvLine() + ")").toList();
        String ladderGap = file.ladderGap();
        if (ladderGap == null && file.extendsDrug() != null) {
            ladderGap = files.values().stream().filter(f -> f.drug().equals(file.extendsDrug())).findFirst()
                    .map(RegimenFile::ladderGap).orElse(null);
        }
        return Optional.of(new RegimenEntry(file.drug(), file.name(), file.version(), fileName, file.combination(),
                file.rulesGap(), ladderGap, dosing, aliases, ladders, families, rules));
    }

    private static void addParts(String fileName, RegimenFile file, List<DoseLadder> ladders,
            List<OccurrenceFamily> families, List<DoseRule> rules, List<String> problems) {
        for (LadderFile ladder : file.ladders() == null ? List.<LadderFile>of() : file.ladders()) {
            build(fileName, "dose ladder " + ladder.id(), problems, () -> new DoseLadder(file.drug(), ladder.id(),
                    ladder.setting(), toInterval(ladder.bodyWeightKg()),
                    IntStream.range(0, ladder.levels().size()).mapToObj(i -> new DoseLevel(i, ladder.levels().get(i))).toList(),
                    ladder.source(), ladder.csvLine()))
                    .ifPresent(ladders::add);
        }
        for (var family : file.occurrenceFamilies() == null ? List.<CatalogFiles.FamilyFile>of() : file.occurrenceFamilies()) {
            build(fileName, "occurrence family " + family.id(), problems, () -> new OccurrenceFamily(family.id(),
                    family.terms(), family.grades().min(), family.grades().max(),
                    family.value() == null ? null : new Interval(family.value().above(), family.value().atLeast(),
                            family.value().below(), family.value().atMost()),
                    family.value() == null ? null : family.value().unit(), family.note()))
                    .ifPresent(families::add);
        }
        for (RuleFile rule : file.rules()) {
            build(fileName, "rule " + rule.id(), problems, () -> toRule(file.drug(), rule, null)).ifPresent(rules::add);
        }
    }

    private static DoseRule toRule(String drug, RuleFile rule, OverrideOrigin override) {
        var provenance = new Provenance(rule.source(), SourceKind.fromCode(rule.sourceKind()),
                override != null || rule.verified(), Boolean.TRUE.equals(rule.hccSpecific()),
                Boolean.TRUE.equals(rule.classInference()),
                rule.csvLine() == null ? 0 : rule.csvLine(), override);
        var occurrence = rule.occurrence() == null ? null
                : new OccurrenceCondition(rule.occurrence().family(), toInterval(rule.occurrence().nth()));
        var qualifiers = new RuleQualifiers(toQualifier(rule.confirm()), toQualifier(rule.onlyIfConfirmed()),
                toQualifier(rule.unlessConfirmed()));
        List<ResumeCondition> resume = rule.resume() == null ? List.of()
                : rule.resume().stream().map(CatalogReader::toResume).toList();
        return new DoseRule(rule.id(), drug, rule.component(), rule.text(), rule.terms(), rule.exceptTerms(),
                toTrigger(rule.trigger()), DoseAction.valueOf(rule.action()), occurrence,
                rule.region() == null ? null : Region.fromCode(rule.region()), qualifiers, rule.resumeWhen(), resume,
                rule.doseChange(), rule.note(), provenance);
    }

    private static Qualifier toQualifier(QualifierFile qualifier) {
        return qualifier == null ? null : new Qualifier(qualifier.id(), qualifier.text());
    }

    private static ResumeCondition toResume(ResumeFile resume) {
        ValueFile value = resume.value();
        return new ResumeCondition(resume.term(), resume.analyte(), resume.grade() == null ? null : resume.grade().atMost(),
                value == null ? null : new Interval(value.above(), value.atLeast(), value.below(), value.atMost()),
                value == null ? null : value.unit(), toQualifier(resume.qualifier()));
    }

    private static Trigger toTrigger(TriggerFile trigger) {
        Measure measure;
        if (trigger.grade() != null) {
            measure = new Measure.GradeRange(trigger.grade().min(), trigger.grade().max());
        } else if (trigger.value() != null) {
            var value = trigger.value();
            measure = new Measure.ValueThreshold(
                    new Interval(value.above(), value.atLeast(), value.below(), value.atMost()), value.unit());
        } else if (trigger.baselineMultiple() != null) {
            measure = new Measure.BaselineMultiple(toInterval(trigger.baselineMultiple()));
        } else {
            measure = new Measure.UlnMultiple(toInterval(trigger.ulnMultiple()));
        }
        var together = trigger.together() == null ? null : new Companion(trigger.together().terms(),
                toInterval(trigger.together().ulnMultiple()), trigger.together().withinHours());
        return new Trigger(measure,
                trigger.liverStatus() == null ? LiverStatus.ANY : LiverStatus.valueOf(constant(trigger.liverStatus())),
                toInterval(trigger.baselineUlnMultiple()), trigger.preCycleDays(), trigger.persistsMoreThanDays(),
                toInterval(trigger.ulnMultipleCap()), together);
    }

    private static Interval toInterval(IntervalFile interval) {
        return interval == null ? null
                : new Interval(interval.above(), interval.atLeast(), interval.below(), interval.atMost());
    }

    /** "uninvolved-or-normal-baseline" → UNINVOLVED_OR_NORMAL_BASELINE. */
    private static String constant(String code) {
        return code.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static <T> Optional<T> build(String fileName, String what, List<String> problems, java.util.function.Supplier<T> builder) {
        try {
            return Optional.of(builder.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(fileName + ": " + what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<URL> resolve(URL indexUrl, String name, List<String> problems) {
        try {
            // URL (not URI) resolution also works inside jar: URLs, where the standard catalog lives
            return Optional.of(new URL(indexUrl, name));
        } catch (MalformedURLException e) {
            problems.add(name + ": cannot be located next to " + indexUrl + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String classpathText(String resource) {
        try (InputStream in = CatalogReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
