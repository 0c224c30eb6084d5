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
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Interval;
import org.toxwatch.regimens.rules.LiverStatus;
import org.toxwatch.regimens.rules.Measure;
import org.toxwatch.regimens.rules.Occurrence;
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

    // duplicate keys would let a later line silently override an earlier one; decimals stay exact
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Schema indexSchema;
    private final Schema fileSchema;

    public CatalogReader() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build()));
        indexSchema = registry.getSchema(classpathText(INDEX_SCHEMA), InputFormat.JSON);
        fileSchema = registry.getSchema(classpathText(FILE_SCHEMA), InputFormat.JSON);
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
        var entries = new ArrayList<RegimenEntry>();
        for (String name : index.get().files()) {
            resolve(indexUrl, name, problems)
                    .flatMap(url -> parse(url, name, fileSchema, RegimenFile.class, problems))
                    .flatMap(file -> toEntry(name, file, problems))
                    .ifPresent(entries::add);
        }
        problems.addAll(CatalogConsistency.check(index.get().ctcaeTerms(), entries));
        if (!problems.isEmpty()) {
            throw new RegimenCatalogException(location, problems);
        }
        return new CatalogContents(location, index.get().version(), index.get().ctcaeVersion(), zone,
                index.get().ctcaeTerms(), entries);
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

    private Optional<RegimenEntry> toEntry(String fileName, RegimenFile file, List<String> problems) {
        int before = problems.size();
        var aliases = file.aliases() == null ? List.<DrugAlias>of()
                : file.aliases().stream().map(a -> new DrugAlias(a.drug(), a.classInference(), a.note())).toList();
        var ladders = new ArrayList<DoseLadder>();
        for (LadderFile ladder : file.ladders() == null ? List.<LadderFile>of() : file.ladders()) {
            build(fileName, "dose ladder " + ladder.id(), problems, () -> new DoseLadder(file.drug(), ladder.id(),
                    ladder.setting(), toInterval(ladder.bodyWeightKg()),
                    IntStream.range(0, ladder.levels().size()).mapToObj(i -> new DoseLevel(i, ladder.levels().get(i))).toList(),
                    ladder.source(), ladder.csvLine()))
                    .ifPresent(ladders::add);
        }
        var rules = new ArrayList<DoseRule>();
        for (RuleFile rule : file.rules()) {
            build(fileName, "rule " + rule.id(), problems, () -> toRule(file.drug(), rule)).ifPresent(rules::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RegimenEntry(file.drug(), file.name(), file.version(), fileName, aliases, ladders, rules));
    }

    private static DoseRule toRule(String drug, RuleFile rule) {
        return new DoseRule(rule.id(), drug, rule.text(), rule.terms(), toTrigger(rule.trigger()),
                DoseAction.valueOf(rule.action()),
                rule.occurrence() == null ? Occurrence.ANY : Occurrence.valueOf(constant(rule.occurrence())),
                rule.requiresConfirmation(), rule.resumeWhen(), rule.doseChange(), rule.note(), rule.source(),
                SourceKind.fromCode(rule.sourceKind()), rule.verified(), rule.csvLine());
    }

    private static Trigger toTrigger(TriggerFile trigger) {
        Measure measure;
        if (trigger.grade() != null) {
            measure = new Measure.GradeRange(trigger.grade().min(), trigger.grade().max());
        } else if (trigger.value() != null) {
            var value = trigger.value();
            measure = new Measure.ValueThreshold(
                    new Interval(value.above(), value.atLeast(), value.below(), value.atMost()), value.unit());
        } else {
            measure = new Measure.UlnMultiple(toInterval(trigger.ulnMultiple()));
        }
        return new Trigger(measure,
                trigger.liverStatus() == null ? LiverStatus.ANY : LiverStatus.valueOf(constant(trigger.liverStatus())),
                toInterval(trigger.baselineUlnMultiple()), trigger.preCycleDays());
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
