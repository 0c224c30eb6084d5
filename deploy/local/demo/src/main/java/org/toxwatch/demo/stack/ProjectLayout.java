package org.toxwatch.demo.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's build outputs from wherever the demo or the test runs. */
public final class ProjectLayout {

    private final Path root;

    private ProjectLayout(Path root) {
        this.root = root;
    }

    public static ProjectLayout locate() {
        String configured = System.getProperty("toxwatch.project.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "services"))) {
            return new ProjectLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("contracts/asyncapi.yaml")) && Files.isDirectory(dir.resolve("services"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("cannot find the ToxWatch project directory; run from inside it or set -Dtoxwatch.project.dir");
    }

    public Path root() {
        return root;
    }

    /** {@code services/<name>/target/quarkus-app/quarkus-run.jar}, which {@code mvn package} builds. */
    public Path serviceJar(String service) {
        Path jar = root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with: mvn -B -DskipTests install");
        }
        return jar;
    }

    public Path scenario(String name) {
        return root.resolve("deploy/local/demo/scenario").resolve(name);
    }

    public Path logDir() {
        return root.resolve("target/toxwatch-logs");
    }
}
