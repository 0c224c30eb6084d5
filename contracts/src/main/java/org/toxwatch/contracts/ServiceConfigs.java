package org.toxwatch.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The services' configuration files: {@code services/<service>/src/main/resources/application.properties}. */
final class ServiceConfigs {

    private ServiceConfigs() {
    }

    /** The text of each service's application.properties under the project directory, keyed by service directory. */
    static Map<String, String> read(Path projectDir) {
        Map<String, String> texts = new TreeMap<>();
        Path services = projectDir.resolve("services");
        if (!Files.isDirectory(services)) {
            return texts;
        }
        try (Stream<Path> dirs = Files.list(services)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path config = dir.resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(config)) {
                    texts.put(dir.getFileName().toString(), Files.readString(config, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service configuration under " + services, e);
        }
        return texts;
    }
}
