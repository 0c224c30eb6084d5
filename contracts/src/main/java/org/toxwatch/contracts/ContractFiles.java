package org.toxwatch.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The contract files as shipped on the classpath under {@code contracts/}. Works whether this module is a directory
 * (tests of this module, reactor builds) or a jar (services' tests), because class loaders cannot list directories.
 */
final class ContractFiles {

    static final String ROOT = "contracts/";
    private static final String ANCHOR = ROOT + "asyncapi.yaml";

    private ContractFiles() {
    }

    static String read(String relativePath) {
        String name = ROOT + relativePath;
        try (InputStream in = loader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    static boolean exists(String relativePath) {
        return loader().getResource(ROOT + relativePath) != null;
    }

    /** File names (not sub-directories) directly inside {@code contracts/<relativeDir>}, sorted; empty if none. */
    static List<String> list(String relativeDir) {
        return list(loader(), relativeDir);
    }

    static List<String> list(ClassLoader loader, String relativeDir) {
        String dir = relativeDir.endsWith("/") ? relativeDir : relativeDir + "/";
        URL anchor = loader.getResource(ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException(ANCHOR + " is not on the classpath: is toxwatch-contracts a dependency?");
        }
        try {
            List<String> names = switch (anchor.getProtocol()) {
                case "file" -> listDirectory(Path.of(anchor.toURI()).getParent().resolve(dir));
                case "jar" -> listJar(((JarURLConnection) anchor.openConnection()).getJarFileURL(), ROOT + dir);
                default -> listFromCodeSource(ROOT + dir);
            };
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list contract files in " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list contract files in " + dir, e);
        }
    }

    private static List<String> listDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }
    }

    private static List<String> listJar(URL jarFile, String prefix) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(Path.of(jarFile.toURI()).toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : null;
                if (rest != null && !rest.isEmpty() && !rest.contains("/")) {
                    names.add(rest);
                }
            }
        }
        return names;
    }

    // Class loaders with their own URL schemes still tell us where our classes came from.
    private static List<String> listFromCodeSource(String prefix) throws IOException, URISyntaxException {
        CodeSource source = ContractFiles.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot locate the contract files to list " + prefix);
        }
        Path location = Path.of(source.getLocation().toURI());
        return Files.isDirectory(location)
                ? listDirectory(location.resolve(prefix))
                : listJar(source.getLocation(), prefix);
    }

    private static ClassLoader loader() {
        return ContractFiles.class.getClassLoader();
    }
}
