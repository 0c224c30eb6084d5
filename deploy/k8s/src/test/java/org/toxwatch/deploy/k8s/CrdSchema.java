package org.toxwatch.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAPI v3 schema of a custom resource, as its CustomResourceDefinition carries it, made strict by
 * {@link StructuralSchema#closed}: the API server would prune a misspelt field silently.
 */
final class CrdSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // OpenAPI v3.0 schema objects are JSON Schema draft 4 with extensions
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final String name;
    private final Schema schema;

    private CrdSchema(String name, JsonNode openApiSchema) {
        this.name = name;
        try {
            String strict = JSON.writeValueAsString(StructuralSchema.closed(openApiSchema.deepCopy()));
            this.schema = REGISTRY.getSchema(strict, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of {@code version} in a CustomResourceDefinition file. */
    static CrdSchema fromDefinition(Path crdFile, String version) {
        try {
            JsonNode crd = YAML.readTree(Files.readString(crdFile));
            for (JsonNode served : crd.path("spec").path("versions")) {
                if (version.equals(served.path("name").asText())) {
                    JsonNode schema = served.path("schema").path("openAPIV3Schema");
                    if (schema.isMissingNode()) {
                        throw new IllegalStateException(crdFile + " has no openAPIV3Schema for " + version);
                    }
                    return new CrdSchema(crd.path("spec").path("names").path("kind").asText() + " " + version, schema);
                }
            }
            throw new IllegalStateException(crdFile + " serves no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + crdFile, e);
        }
    }

    /** A schema of our own on the test classpath, for a custom resource whose definition is not published here. */
    static CrdSchema fromResource(String resource) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the test classpath");
            }
            return new CrdSchema(resource, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> problems(JsonNode object) {
        String json;
        try {
            json = JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage() + " (" + name + ")");
        }
        return problems;
    }
}
