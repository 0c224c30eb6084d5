package org.toxwatch.ctcae.pro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.ctcae.datafile.InvalidDataFileException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ctcae/pro-ctcae-composite.yaml: what it holds, and that a broken file is refused when it loads. */
class ProCtcaeDataFileTest {

    private static final ProCtcae PRO = ProCtcae.standard();

    @Test
    void theItemsAskedForAreThereWithNcisItemNumbersAndAttributes() {
        // item numbers and attributes: NCI PRO-CTCAE item library v1.0, as listed by the Alliance PROCTCAE_scores macro
        Map<String, String> expected = Map.of(
                "mouth-or-throat-sores", "3 [SEVERITY, INTERFERENCE]",
                "decreased-appetite", "8 [SEVERITY, INTERFERENCE]",
                "nausea", "9 [FREQUENCY, SEVERITY]",
                "vomiting", "10 [FREQUENCY, SEVERITY]",
                "diarrhea", "16 [FREQUENCY]",
                "abdominal-pain", "17 [FREQUENCY, SEVERITY, INTERFERENCE]",
                "rash", "24 [PRESENCE]",
                "hand-foot-syndrome", "30 [SEVERITY]",
                "numbness-and-tingling", "39 [SEVERITY, INTERFERENCE]",
                "fatigue", "53 [SEVERITY, INTERFERENCE]");
        assertEquals(expected, PRO.items().stream()
                .collect(Collectors.toMap(ProCtcaeItem::id, i -> i.number() + " " + i.attributes())));
    }

    @Test
    void everySuggestedTermIsOneOfOurSymptomTermsAndNoMappingClaimsVerification() {
        Set<String> symptomTerms = Set.of("Nausea", "Vomiting", "Diarrhea", "Fatigue", "Abdominal pain",
                "Palmar-plantar erythrodysesthesia syndrome", "Peripheral sensory neuropathy", "Rash maculo-papular",
                "Anorexia");
        for (ProCtcaeItem item : PRO.items()) {
            if (item.id().equals("mouth-or-throat-sores")) {
                assertEquals(null, item.suggests());
                assertTrue(item.noTerm().contains("Mucositis oral"), item.noTerm());
                continue;
            }
            assertTrue(symptomTerms.contains(item.suggests().term()), item.toString());
            assertFalse(item.suggests().verified(), item.toString());
        }
    }

    @Test
    void theTablesHoldBaschsOneHundredAndSeventyNineCombinationsAllUnverified() {
        // Basch et al. 2021, Methods step 1: "All 179 possible ... score combinations"
        int combinations = List.of("F", "S", "I", "FS", "FI", "SI", "FSI").stream()
                .mapToInt(id -> table(id).rows().size()).sum();
        assertEquals(179, combinations);
        assertEquals(5, table("A").rows().size());
        for (String id : List.of("F", "S", "I", "A", "FS", "FI", "SI", "FSI", "P")) {
            assertFalse(table(id).verified(), id);
        }
    }

    @Test
    void exactlyTheThreeRowsTheTwoEncodingsDisagreeOnCarryANote() {
        List<String> noted = List.of("FS", "FI", "SI", "FSI", "F", "S", "I", "A").stream()
                .flatMap(id -> table(id).rows().stream().filter(r -> r.note() != null)
                        .map(r -> CompositeGrade.rowName(table(id), r) + " -> " + r.grade()))
                .toList();
        assertEquals(List.of("table FS, row frequency 3 + severity 3 -> 3", "table FS, row frequency 3 + severity 4 -> 3",
                "table FI, row frequency 3 + interference 3 -> 3"), noted);
    }

    @Test
    void aSmallValidFileLoads() {
        ProCtcae small = ProCtcae.load("ctcae/pro-minimal-valid.yaml");
        assertEquals("0", small.version());
        assertEquals(3, small.composite(ProCtcaeAnswers.read("diarrhea", Map.of("frequency", 4), null)).grade());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            missing-row              | no row for frequency = [[3]]
            row-twice                | combination [2] appears twice
            grade-falls              | grade falls from 2 at [3] to 1 at [4] when frequency rises
            grade-four               | /tables/0/rows/4/grade
            unknown-term             | no term named exactly 'Hiccups'
            term-graded-from-values  | 'Anemia' is graded from values
            term-in-other-case       | no term named exactly 'diarrhea'
            item-without-table       | no table for the attributes frequency and severity
            suggests-and-no-term     | /items/0
            row-with-other-attribute | must give exactly frequency
            grade-and-not-gradable   | /tables/0/rows/1
            """)
    void aBrokenFileIsRefusedWhenItLoads(String file, String problem) {
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class,
                () -> ProCtcae.load("ctcae/broken-pro/" + file + ".yaml"));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private static CompositeTable table(String id) {
        CompositeTable table = PRO.tables().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
        assertNotNull(table, id);
        return table;
    }
}
