package org.toxwatch.regimens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes catalogs to a folder: either the shipped files (optionally edited) or files written by a test. */
final class TestCatalogs {

    static final String STANDARD_INDEX = "catalog.yaml";
    static final String[] STANDARD_FILES = {"catalog.yaml", "haic-folfox.yaml", "haic-folfox4.yaml", "haic-mfolfox6.yaml",
            "cisplatin-haic.yaml", "lenvatinib.yaml", "sorafenib.yaml", "donafenib.yaml", "atezolizumab.yaml", "bevacizumab.yaml",
            "durvalumab.yaml", "tremelimumab.yaml", "pd-1-class.yaml", "tislelizumab.yaml", "toripalimab.yaml",
            "tki-pd-1-combination.yaml"};

    private TestCatalogs() {
    }

    /** The shipped catalog files as text, by file name. */
    static Map<String, String> standardFiles() {
        var files = new LinkedHashMap<String, String>();
        for (String name : STANDARD_FILES) {
            try (InputStream in = TestCatalogs.class.getResourceAsStream("/regimens/" + name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Writes the files into {@code dir} and returns the index path. */
    static Path write(Path dir, Map<String, String> files) {
        try {
            for (var file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(STANDARD_INDEX);
    }

    /** An index listing {@code files}, with seven CTCAE terms of the standard catalog. */
    static String index(String... files) {
        var text = new StringBuilder("""
                catalog: toxwatch-regimens
                version: 9.9.9-test
                ctcaeVersion: "5.0"
                calendarZone: UTC
                ctcaeTerms:
                  - Neutrophil count decreased
                  - Platelet count decreased
                  - Aspartate aminotransferase increased
                  - Alanine aminotransferase increased
                  - Hypertension
                  - Blood bilirubin increased
                  - Palmar-plantar erythrodysesthesia syndrome
                files:
                """);
        for (String file : files) {
            text.append("  - ").append(file).append('\n');
        }
        return text.toString();
    }
}
