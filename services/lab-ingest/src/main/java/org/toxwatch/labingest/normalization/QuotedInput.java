package org.toxwatch.labingest.normalization;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complaint about the input without the input it quotes. HAPI FHIR's and Jackson's messages quote the offending
 * value ({@code Unrecognized token 'Margarethe'}, {@code Invalid attribute value "14.03.1957"}), the grading engine
 * quotes a text result it cannot read, and such a value may be a patient's name or birth date, even in an element
 * ToxWatch does not read. A reason travels as a Kafka header, so quoted input becomes {@code '…'}; the element's name,
 * the line and the column stay, which is what a person repairing the message needs next to the original in the
 * dead-letter topic.
 */
public final class QuotedInput {

    public static final String REDACTED = "…";

    // a quoted span, and whether it names an element (HAPI's [element="birthDate"]) rather than quoting input
    private static final Pattern QUOTED = Pattern.compile("(element=)?(\"[^\"]*\"|'[^']*')");
    // what Jackson lists as expected tokens is its own vocabulary, not input
    private static final Set<String> JSON_LITERALS = Set.of("null", "true", "false");

    private QuotedInput() {
    }

    public static String redacted(String message) {
        return redacted(message, Set.of());
    }

    /**
     * @param vocabulary quoted words that are kept because they cannot be patient data, such as FHIR's resource type
     *                   names ("expected "Observation" but found "Patient"")
     */
    public static String redacted(String message, Set<String> vocabulary) {
        if (message == null) {
            return null;
        }
        Matcher quoted = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder(message.length());
        while (quoted.find()) {
            String span = quoted.group(2);
            String inner = span.substring(1, span.length() - 1);
            boolean keep = quoted.group(1) != null || JSON_LITERALS.contains(inner) || vocabulary.contains(inner);
            char mark = span.charAt(0);
            quoted.appendReplacement(out, Matcher.quoteReplacement(keep ? quoted.group() : mark + REDACTED + mark));
        }
        quoted.appendTail(out);
        return out.toString();
    }
}
