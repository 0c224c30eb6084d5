package org.toxwatch.ctcae.datafile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a YAML data file from the classpath, validates it against its JSON Schema, then maps it onto a Java shape.
 *
 * <p>The YAML is parsed once; the validator is given that very tree (as JSON), so what is validated is exactly what is
 * mapped. Decimals are read as {@link java.math.BigDecimal}, never as binary floating point.
 */
public final class DataFileReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMA_CACHE = new ConcurrentHashMap<>();

    private DataFileReader() {
    }

    /**
     * @param resource       classpath resource of the data file, e.g. {@code ctcae/analytes.yaml}
     * @param schemaResource classpath resource of its JSON Schema
     * @param shape          record the file maps onto
     * @throws InvalidDataFileException if the file is missing, is not YAML, breaks the schema or cannot be mapped
     */
    public static <T> T read(String resource, String schemaResource, Class<T> shape) {
        return read(resource, schemaResource, shape, DataFileReader.class.getClassLoader());
    }

    public static <T> T read(String resource, String schemaResource, Class<T> shape, ClassLoader classLoader) {
        JsonNode tree = parse(resource, classLoader);
        List<Error> errors = schema(schemaResource).validate(toJson(resource, tree), InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new InvalidDataFileException(resource, errors.stream()
                    .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                    .toList());
        }
        try {
            return YAML.treeToValue(tree, shape);
        } catch (JsonProcessingException e) {
            throw new InvalidDataFileException(resource, "does not map onto " + shape.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataFileException(resource, "does not map onto " + shape.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String resource, ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidDataFileException(resource, List.of("not found on the classpath"));
            }
            JsonNode tree = YAML.readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new InvalidDataFileException(resource, List.of("is empty"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidDataFileException(resource, "is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDataFileException(resource, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String toJson(String resource, JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new InvalidDataFileException(resource, "cannot be re-serialised for validation", e);
        }
    }

    private static Schema schema(String schemaResource) {
        return SCHEMA_CACHE.computeIfAbsent(schemaResource, DataFileReader::loadSchema);
    }

    private static Schema loadSchema(String schemaResource) {
        try (InputStream in = DataFileReader.class.getClassLoader().getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new InvalidDataFileException(schemaResource, List.of("schema not found on the classpath"));
            }
            return SCHEMAS.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new InvalidDataFileException(schemaResource, "schema cannot be read: " + e.getMessage(), e);
        }
    }
}
