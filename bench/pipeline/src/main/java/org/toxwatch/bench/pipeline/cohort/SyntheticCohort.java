package org.toxwatch.bench.pipeline.cohort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;

/**
 * A deterministic synthetic HCC cohort: every patient on HAIC-FOLFOX with sorafenib, lenvatinib or a PD-1 inhibitor,
 * seen weekly from a baseline visit three days before cycle 1 (cycles every 21 days). Each visit is a panel of eight
 * observations: CBC (ANC, platelets, WBC, haemoglobin), liver panel (AST, ALT, total bilirubin) and blood pressure.
 * <p>
 * About one patient in seven starts with abnormal AST/ALT (the grader then judges liver values against that baseline);
 * one in four reports in US units (/uL, K/uL, g/dL, mg/dL), the rest in UCUM. After the baseline visit, a visit is
 * toxic with a few per cent probability per kind: grade 3-4 neutropenia or thrombocytopenia, an AST rise, grade 3
 * hypertension; the next visit is normal again, so holds become resume-eligible. So alerts happen, as on a ward.
 * <p>
 * Observation {@code index} is a pure function of (seed, patients, index): visit {@code index / (8 * patients)},
 * patient {@code (index / 8) % patients}, panel item {@code index % 8}. Visits come in time order across the cohort, so
 * each patient's results are published in effective-time order, as a lab feed would.
 */
public final class SyntheticCohort {

    public static final int PANEL_SIZE = 8;
    /** Before cycle 1: the grader takes it as the baseline sample. */
    static final Instant BASELINE_VISIT = Instant.parse("2025-01-03T07:00:00Z");
    static final LocalDate FIRST_CYCLE = LocalDate.parse("2025-01-06");
    static final int CYCLE_DAYS = 21;
    private static final String[] PD1_INHIBITORS = {"sintilimab", "camrelizumab", "tislelizumab", "toripalimab"};
    private static final String IDENTIFIER_PREFIX = "BENCH-";

    private final long seed;
    private final int patients;
    private final int cycles;
    private final FhirObservations fhir = new FhirObservations();

    /**
     * @param observations how many observations the run will publish at most (sets how many cycles each course plans,
     *        so every visit falls in a planned cycle)
     */
    public SyntheticCohort(long seed, int patients, long observations) {
        this.seed = seed;
        this.patients = patients;
        long visits = (observations + (long) PANEL_SIZE * patients - 1) / ((long) PANEL_SIZE * patients);
        this.cycles = (int) Math.max(3, visits / 3 + 2);
    }

    public int patients() {
        return patients;
    }

    public static String patientId(int patient) {
        return "bench-p" + String.format("%05d", patient);
    }

    /** What a patient is on and how they start; fixed by the seed. */
    record Profile(String targetedDrug, boolean abnormalLiverBaseline, boolean usUnits, int bodyWeightKg, double astBaseline,
            double altBaseline) {
    }

    Profile profile(int patient) {
        SplittableRandom random = new SplittableRandom(mix(seed, patient, -1));
        int regimen = random.nextInt(3);
        String drug = switch (regimen) {
            case 0 -> "sorafenib";
            case 1 -> "lenvatinib";
            default -> PD1_INHIBITORS[random.nextInt(PD1_INHIBITORS.length)];
        };
        boolean abnormal = random.nextInt(7) == 0;
        double ast = abnormal ? 60 + random.nextInt(60) : 18 + random.nextInt(18);
        double alt = abnormal ? 55 + random.nextInt(50) : 15 + random.nextInt(20);
        return new Profile(drug, abnormal, patient % 4 == 1, 45 + random.nextInt(45), ast, alt);
    }

    /** The course as the order system PUTs it to the dose-advisor. */
    public DemoCohort.Course course(int patient) {
        Profile profile = profile(patient);
        String patientId = patientId(patient);
        String courseId = "course-" + patientId;
        StringBuilder cycleList = new StringBuilder();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            if (cycle > 1) {
                cycleList.append(',');
            }
            cycleList.append("{\"number\":").append(cycle).append(",\"plannedStart\":\"")
                    .append(FIRST_CYCLE.plusDays((long) (cycle - 1) * CYCLE_DAYS)).append("\"}");
        }
        String json = """
                {"courseId":"%s","patientId":"%s","regimen":"HAIC-FOLFOX + %s","ward":"W%02d","ctcaeVersion":"5.0",\
                "bodyWeightKg":%d,"hccLiverInvolvement":true,"cycles":[%s],\
                "drugs":[{"drug":"haic-folfox","doseLevel":0},{"drug":"%s","doseLevel":0}]}""".formatted(courseId, patientId,
                profile.targetedDrug(), patient % 40, profile.bodyWeightKg(), cycleList, profile.targetedDrug());
        return new DemoCohort.Course(courseId, patientId, json);
    }

    /** One observation ready to publish: its identifier, the Kafka key (the patient) and the FHIR JSON. */
    public record Observation(long index, String identifier, String patientId, String fhirJson) {
    }

    public Observation observation(long index) {
        int item = (int) (index % PANEL_SIZE);
        int patient = (int) ((index / PANEL_SIZE) % patients);
        int visit = (int) (index / ((long) PANEL_SIZE * patients));
        LabResultRow row = row(index, patient, visit, item);
        return new Observation(index, row.identifier(), row.patientId(), fhir.render(row));
    }

    /** The index an identifier of this cohort was made from, or -1 for any other identifier. */
    public static long indexOf(String identifier) {
        int at = identifier.lastIndexOf(IDENTIFIER_PREFIX);
        if (at < 0) {
            return -1;
        }
        try {
            return Long.parseLong(identifier, at + IDENTIFIER_PREFIX.length(), identifier.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The kinds of toxic visit, each with its own probability per visit after the baseline. */
    enum Toxicity {
        NONE, NEUTROPENIA, THROMBOCYTOPENIA, AST_RISE, HYPERTENSION
    }

    Toxicity toxicity(int patient, int visit) {
        if (visit == 0) {
            return Toxicity.NONE;
        }
        int roll = new SplittableRandom(mix(seed, patient, visit)).nextInt(1000);
        if (roll < 25) {
            return Toxicity.NEUTROPENIA;
        } else if (roll < 45) {
            return Toxicity.THROMBOCYTOPENIA;
        } else if (roll < 60) {
            return Toxicity.AST_RISE;
        } else if (roll < 75) {
            return Toxicity.HYPERTENSION;
        }
        return Toxicity.NONE;
    }

    private LabResultRow row(long index, int patient, int visit, int item) {
        Profile profile = profile(patient);
        Toxicity toxicity = toxicity(patient, visit);
        // values of one visit share a random stream; each item draws from its own so the order does not matter
        SplittableRandom random = new SplittableRandom(mix(seed, patient, visit) * 31 + item);
        boolean severe = random.nextInt(3) == 0; // grade 4 rather than grade 3, where the kind has one
        Instant drawn = BASELINE_VISIT.plus(7L * visit, ChronoUnit.DAYS).plus(patient % 600, ChronoUnit.MINUTES);
        String id = IDENTIFIER_PREFIX + index;
        String patientId = patientId(patient);
        boolean us = profile.usUnits();
        return switch (item) {
            case 0 -> { // ANC, 10^9/L: 1.8-7.7; grade 3 is 0.5-<1.0, grade 4 <0.5
                double anc = toxicity == Toxicity.NEUTROPENIA ? (severe ? 0.2 + random.nextDouble() * 0.25 : 0.55 + random.nextDouble() * 0.4)
                        : 2.0 + random.nextDouble() * 4;
                yield us ? lab(id, patientId, drawn, "751-8", anc * 1000, 0, "/uL", 1800, 7700)
                        : lab(id, patientId, drawn, "751-8", anc, 2, "10*9/L", 1.8, 7.7);
            }
            case 1 -> { // platelets, 10^9/L: 150-400; grade 3 is 25-<50, grade 4 <25
                double platelets = toxicity == Toxicity.THROMBOCYTOPENIA ? (severe ? 12 + random.nextInt(11) : 28 + random.nextInt(20))
                        : 155 + random.nextInt(160);
                yield lab(id, patientId, drawn, "777-3", platelets, 0, us ? "K/uL" : "10*9/L", 150, 400);
            }
            case 2 -> { // WBC, 10^9/L: 4-10, low along with a neutropenia
                double wbc = toxicity == Toxicity.NEUTROPENIA ? 1.8 + random.nextDouble() : 4.2 + random.nextDouble() * 4.5;
                yield lab(id, patientId, drawn, "6690-2", wbc, 1, us ? "K/uL" : "10*9/L", 4, 10);
            }
            case 3 -> { // haemoglobin, g/L: 120-160 (mild anaemia is common and harmless here: grade 1)
                double hb = 112 + random.nextInt(40);
                yield us ? lab(id, patientId, drawn, "718-7", hb / 10, 1, "g/dL", 12, 16)
                        : lab(id, patientId, drawn, "718-7", hb, 0, "g/L", 120, 160);
            }
            case 4 -> { // AST, U/L, ULN 40; a rise is 4-7 x the patient's baseline or ULN
                double ast = toxicity == Toxicity.AST_RISE ? Math.max(profile.astBaseline(), 40) * (4 + random.nextDouble() * 3)
                        : profile.astBaseline() * (0.9 + random.nextDouble() * 0.2);
                yield lab(id, patientId, drawn, "1920-8", ast, 0, us ? "IU/L" : "U/L", 0, 40);
            }
            case 5 -> { // ALT, U/L, ULN 40
                double alt = profile.altBaseline() * (0.9 + random.nextDouble() * 0.2);
                yield lab(id, patientId, drawn, "1742-6", alt, 0, us ? "IU/L" : "U/L", 0, 40);
            }
            case 6 -> { // total bilirubin, umol/L 0-21 (mg/dL 0-1.2)
                double bilirubin = 6 + random.nextInt(13);
                yield us ? lab(id, patientId, drawn, "1975-2", bilirubin / 17.1, 2, "mg/dL", 0, 1.2)
                        : lab(id, patientId, drawn, "1975-2", bilirubin, 0, "umol/L", 0, 21);
            }
            default -> { // blood pressure panel; grade 3 hypertension is systolic >= 160 or diastolic >= 100
                int systolic = toxicity == Toxicity.HYPERTENSION ? 162 + random.nextInt(14) : 112 + random.nextInt(26);
                int diastolic = toxicity == Toxicity.HYPERTENSION ? 100 + random.nextInt(9) : 68 + random.nextInt(18);
                yield new LabResultRow(id, patientId, drawn.plus(5, ChronoUnit.MINUTES), "85354-9", systolic + "/" + diastolic,
                        us ? "mmHg" : "mm[Hg]", "", "");
            }
        };
    }

    private static LabResultRow lab(String id, String patientId, Instant drawn, String loinc, double value, int decimals,
            String unit, double low, double high) {
        return new LabResultRow(id, patientId, drawn, loinc, decimal(value, decimals), unit, plain(low), plain(high));
    }

    private static String decimal(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A well-spread 64-bit seed from the run's seed, a patient and a visit (SplitMix64's finaliser). */
    private static long mix(long seed, int patient, int visit) {
        long z = seed + 0x9E3779B97F4A7C15L * (patient * 1_000_003L + visit + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
