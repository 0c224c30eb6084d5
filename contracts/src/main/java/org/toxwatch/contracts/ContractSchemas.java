package org.toxwatch.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * The JSON Schemas (draft 2020-12) of every ToxWatch message, loaded from the classpath.
 *
 * <pre>{@code
 * List<String> problems = ContractSchemas.load().validate("dose-alert.v1", json);
 * assertEquals(List.of(), problems);
 * }</pre>
 *
 * Schema names are file names without {@code .schema.json}, e.g. {@code fhir-observation.v1}. Instances are immutable
 * and thread-safe; load once per test class.
 */
public final class ContractSchemas {

    /**
     * Prefix of every schema's {@code $id}, followed by the schema name. Services send the same id as the CloudEvent
     * {@code dataschema} ({@code cloud-events-data-schema}); it names the schema and is never fetched.
     */
    public static final String ID_PREFIX = "urn:toxwatch:contracts:";

    private static final String DIR = "schemas/";
    private static final String SUFFIX = ".schema.json";

    private final SchemaRegistry registry;
    private final Set<String> names;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private ContractSchemas(SchemaRegistry registry, Set<String> names) {
        this.registry = registry;
        this.names = names;
    }

    public static ContractSchemas load() {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String file : ContractFiles.list(DIR)) {
            if (file.endsWith(SUFFIX)) {
                byId.put(idFor(file.substring(0, file.length() - SUFFIX.length())), ContractFiles.read(DIR + file));
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException("no *" + SUFFIX + " files under " + ContractFiles.ROOT + DIR);
        }
        // "format" is only an annotation in 2020-12 unless asserted; dates and uuids are part of our contract.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(byId));
        Set<String> names = byId.keySet().stream()
                .map(id -> id.substring(ID_PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        return new ContractSchemas(registry, Collections.unmodifiableSet(names));
    }

    /** Names of all schemas, sorted, e.g. {@code dose-alert.v1}. */
    public Set<String> names() {
        return names;
    }

    /** The {@code $id} of a schema, e.g. {@code urn:toxwatch:contracts:dose-alert.v1}; also its CE dataschema. */
    public String idOf(String schemaName) {
        return idFor(requireKnown(schemaName));
    }

    static String idFor(String schemaName) {
        return ID_PREFIX + schemaName;
    }

    /** The schema document itself, as text. */
    public String text(String schemaName) {
        requireKnown(schemaName);
        return ContractFiles.read(DIR + schemaName + SUFFIX);
    }

    /**
     * Validates one JSON document.
     *
     * @return one human-readable line per violation, each naming the JSON location; empty when the document is valid.
     *         A document that is not JSON at all yields a single line saying so.
     * @throws IllegalArgumentException for an unknown schema name
     */
    public List<String> validate(String schemaName, String json) {
        Schema schema = compiled.computeIfAbsent(requireKnown(schemaName),
                name -> registry.getSchema(SchemaLocation.of(idOf(name))));
        if (json == null || json.isBlank()) {
            return List.of("$: empty input, expected a JSON document");
        }
        try {
            return schema.validate(json, InputFormat.JSON).stream().map(ContractSchemas::describe).toList();
        } catch (JacksonException e) {
            return List.of("$: not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        String where = location.isEmpty() ? "(document)" : location;
        return where + ": " + error.getMessage() + " [" + error.getKeyword() + "]";
    }

    private String requireKnown(String schemaName) {
        if (!names.contains(schemaName)) {
            throw new IllegalArgumentException("unknown schema '" + schemaName + "'; known: " + names);
        }
        return schemaName;
    }
}
