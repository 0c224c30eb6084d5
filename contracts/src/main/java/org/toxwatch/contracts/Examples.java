package org.toxwatch.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Golden example messages for the services' tests, read from the classpath.
 *
 * <ul>
 *   <li>{@link #valid} messages pass their schema and are realistic for HCC patients;</li>
 *   <li>{@link #invalid} messages fail their schema, each for the one reason in its file name;</li>
 *   <li>{@link #rejected} inputs pass the schema (except malformed JSON) but the consuming service must dead-letter
 *       them; the reasons are listed in the folder's README.md.</li>
 * </ul>
 */
public final class Examples {

    private static final String README = "README.md";
    // README table rows: | `file` | `REASON_CODE` | words |
    private static final Pattern REASON_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|");

    private Examples() {
    }

    public static List<Example> valid(String schemaName) {
        return read("valid", schemaName);
    }

    public static List<Example> invalid(String schemaName) {
        return read("invalid", schemaName);
    }

    public static List<Example> rejected(String schemaName) {
        return read("rejected", schemaName);
    }

    public static Example valid(String schemaName, String fileName) {
        return one(valid(schemaName), fileName);
    }

    public static Example invalid(String schemaName, String fileName) {
        return one(invalid(schemaName), fileName);
    }

    public static Example rejected(String schemaName, String fileName) {
        return one(rejected(schemaName), fileName);
    }

    private static List<Example> read(String kind, String schemaName) {
        String dir = "examples/" + kind + "/" + schemaName + "/";
        List<String> files = ContractFiles.list(dir);
        Map<String, String> reasons = "rejected".equals(kind) && files.contains(README)
                ? reasonCodes(ContractFiles.read(dir + README))
                : Map.of();
        List<Example> examples = new ArrayList<>();
        for (String file : files) {
            if (file.equals(README)) {
                continue;
            }
            String why = switch (kind) {
                case "invalid" -> file.replaceFirst("\\.[^.]+$", "").replace('-', ' ');
                case "rejected" -> reasons.getOrDefault(file, "");
                default -> "";
            };
            examples.add(new Example(schemaName, file, ContractFiles.read(dir + file), why));
        }
        return List.copyOf(examples);
    }

    static Map<String, String> reasonCodes(String readme) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : readme.split("\\R")) {
            Matcher row = REASON_ROW.matcher(line.strip());
            if (row.find()) {
                codes.put(row.group(1), row.group(2));
            }
        }
        return codes;
    }

    private static Example one(List<Example> examples, String fileName) {
        return examples.stream()
                .filter(e -> e.fileName().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example " + fileName + " among " + examples));
    }
}
