package org.toxwatch.cli.replay;

import org.toxwatch.regimens.RegimenCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A copy of the shipped regimen catalog in a folder, with text replaced in one rule file: a pharmacist's draft. */
final class ChangedCatalog {

    private ChangedCatalog() {
    }

    static Path copyOfShipped(Path folder, String changedFile, List<String> from, List<String> to) throws IOException {
        Files.createDirectories(folder);
        String index = resource("catalog.yaml");
        Files.writeString(folder.resolve("catalog.yaml"), index);
        Matcher listed = Pattern.compile("(?m)^  - (\\S+\\.yaml)$").matcher(index);
        boolean changed = false;
        while (listed.find()) {
            String name = listed.group(1);
            String text = resource(name);
            if (name.equals(changedFile)) {
                for (int i = 0; i < from.size(); i++) {
                    if (!text.contains(from.get(i))) {
                        throw new IllegalStateException(name + " no longer contains '" + from.get(i) + "'");
                    }
                    text = text.replaceFirst(Pattern.quote(from.get(i)), Matcher.quoteReplacement(to.get(i)));
                }
                changed = true;
            }
            Files.writeString(folder.resolve(name), text);
        }
        if (!changed) {
            throw new IllegalStateException(changedFile + " is not listed in the shipped catalog");
        }
        return folder.resolve("catalog.yaml");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RegimenCatalog.class.getResourceAsStream("/regimens/" + name)) {
            if (in == null) {
                throw new IOException("no /regimens/" + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
