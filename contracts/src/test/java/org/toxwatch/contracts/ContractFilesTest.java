package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractFilesTest {

    @Test
    void listsFilesInsideAJarAsServicesSeeThem(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("toxwatch-contracts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("contracts/asyncapi.yaml", "contracts/examples/valid/x/b.json",
                    "contracts/examples/valid/x/a.json", "contracts/examples/valid/x/nested/c.json",
                    "contracts/examples/valid/xy/d.json")) {
                out.putNextEntry(new JarEntry(name));
                out.write("{}".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("contracts/examples/valid/x/empty-dir/"));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(List.of("a.json", "b.json"), ContractFiles.list(loader, "examples/valid/x"));
            assertEquals(List.of("d.json"), ContractFiles.list(loader, "examples/valid/xy/"));
            assertEquals(List.of(), ContractFiles.list(loader, "examples/invalid/x"));
        }
    }

    @Test
    void listsFilesInAClassesDirectory() {
        List<String> schemas = ContractFiles.list("schemas");
        assertTrue(schemas.contains("fhir-observation.v1.schema.json"), schemas.toString());
        assertEquals(List.of(), ContractFiles.list("examples/valid/no-such-schema"));
    }

    @Test
    void saysWhatIsMissingWhenTheContractIsNotOnTheClasspath(@TempDir Path dir) throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ContractFiles.list(empty, "schemas"));
            assertTrue(e.getMessage().contains("asyncapi.yaml"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractFiles.read("schemas/nothing.json"));
        assertTrue(e.getMessage().contains("contracts/schemas/nothing.json"), e.getMessage());
    }

    @Test
    void readsTheFilesAsUtf8Text() {
        String yaml = ContractFiles.read("asyncapi.yaml");
        assertTrue(yaml.startsWith("asyncapi: 3.0.0"), yaml.substring(0, 40));
        assertTrue(ContractFiles.exists("schemas/dose-alert.v1.schema.json"));
    }
}
