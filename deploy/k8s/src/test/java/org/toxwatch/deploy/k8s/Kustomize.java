package org.toxwatch.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.toxwatch.contracts.TopicDrift;

/**
 * Renders a kustomization the way operators apply it, with {@code kubectl kustomize}. The machine image and CI have
 * kubectl (kustomize v5); where it is missing the tests are skipped locally and fail under CI, so a green CI run has
 * really rendered every overlay.
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v?(\\d+)\\.");
    private static final long TIMEOUT_SECONDS = 60;
    private static final Map<Path, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static volatile String kubectl;

    private Kustomize() {
    }

    /** {@code deploy/k8s} of this checkout. */
    static Path deployDir() {
        return TopicDrift.locateProjectDir().resolve("deploy").resolve("k8s");
    }

    static Path projectDir() {
        return TopicDrift.locateProjectDir();
    }

    /** Every overlay: each directory directly under {@code overlays/} that holds a kustomization. */
    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(deployDir().resolve("overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> overlayNames() {
        return overlays().stream().map(dir -> dir.getFileName().toString()).toList();
    }

    static Manifests overlay(String name) {
        return render(deployDir().resolve("overlays").resolve(name));
    }

    /** The objects {@code kubectl kustomize dir} prints, rendered once per test JVM. */
    static Manifests render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static Manifests run(Path dir) {
        String output = exec(kubectl(), "kustomize", dir.toString());
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(output)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + dir + " printed something that is not YAML", e);
        }
        return new Manifests(deployDir().relativize(dir.toAbsolutePath().normalize()).toString(), objects);
    }

    private static String kubectl() {
        if (kubectl == null) {
            kubectl = findKubectl();
        }
        return kubectl;
    }

    private static String findKubectl() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            unavailable("kubectl is not on the PATH");
        }
        String version = exec(found.get().toString(), "version", "--client", "-o", "json");
        Matcher m = KUSTOMIZE_VERSION.matcher(version);
        // components, labels and inline patches need kustomize v5 (kubectl 1.27 or later); Debian's kubectl 1.20 is too old
        if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
            unavailable("kubectl at " + found.get() + " does not bring kustomize v5 or later: " + version.strip());
        }
        return found.get().toString();
    }

    private static void unavailable(String why) {
        String message = why + "; the Kubernetes overlays cannot be rendered (.ci/run needs kubectl with kustomize v5)";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static String exec(String... command) {
        try {
            Path stderr = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "): " + Files.readString(stderr, StandardCharsets.UTF_8).strip());
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
