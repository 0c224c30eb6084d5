package org.toxwatch.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.toxwatch.ctcae.grading.Baseline;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.GradingStatus;
import org.toxwatch.ctcae.grading.Measurement;
import org.toxwatch.ctcae.grading.TermQuery;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the CTCAE v5.0 engine alone, in observations graded per second on one thread (one core): a ward's
 * mixed morning panel, built once and graded over and over.
 *
 * <ul>
 *   <li>{@link #canonicalMeasurements} grades normalised results through {@code grade(GradingRequest)}, the path of
 *       the streaming grader (lab ingest has already converted units).</li>
 *   <li>{@link #statedValuesWithUnitConversion} grades the same panel as the lab wrote it (cells/uL, K/uL, IU/L,
 *       mmHg) through {@code grade(TermQuery)}, the path of the batch CLI: unit conversion included.</li>
 * </ul>
 *
 * One operation is one Observation; the blood-pressure panel is one Observation with two readings.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 5)
public class GradingBenchmark {

    static final int OBSERVATIONS = 6;

    private CtcaeGrader grader;
    private List<GradingRequest> normalised;
    private List<TermQuery> stated;

    @Setup
    public void buildPanel() {
        grader = CtcaeGrader.forVersion("5.0");
        normalised = List.of(
                GradingRequest.of(new Measurement("NEUTROPHILS", dec("0.8"), "10*9/L", dec("1.8"), dec("7.7"))),
                GradingRequest.of(new Measurement("PLATELETS", dec("45"), "10*9/L", dec("150"), dec("400"))),
                GradingRequest.of(new Measurement("LEUKOCYTES", dec("3.4"), "10*9/L", dec("4"), dec("10"))),
                // abnormal baseline: the bands become multiples of the baseline
                new GradingRequest(List.of(new Measurement("AST", dec("380"), "U/L", null, dec("40"))),
                        Map.of("AST", new Baseline("AST", dec("95"), dec("40"), null)), false),
                GradingRequest.of(new Measurement("ALT", dec("130"), "U/L", null, dec("40"))),
                GradingRequest.of(new Measurement("SYSTOLIC_BP", dec("165"), "mm[Hg]", null, null),
                        new Measurement("DIASTOLIC_BP", dec("95"), "mm[Hg]", null, null)));
        stated = List.of(
                new TermQuery("Neutrophil count decreased", dec("800"), "cells/uL", dec("1800"), dec("7700"), null,
                        null, null),
                new TermQuery("Platelet count decreased", dec("45"), "K/uL", dec("150"), dec("400"), null, null, null),
                new TermQuery("White blood cell decreased", dec("3400"), "/mm3", dec("4000"), dec("10000"), null, null,
                        null),
                new TermQuery("Aspartate aminotransferase increased", dec("380"), "IU/L", null, dec("40"), dec("95"),
                        null, null),
                new TermQuery("Alanine aminotransferase increased", dec("130"), "IU/L", null, dec("40"), null, null,
                        null),
                new TermQuery("Hypertension", dec("165"), "mmHg", null, null, null, dec("95"), null));
        // a panel that stopped grading would measure only the way to NOT_GRADABLE: refuse to run
        for (GradingRequest request : normalised) {
            grader.grade(request).forEach(GradingBenchmark::requireGraded);
        }
        stated.forEach(query -> requireGraded(grader.grade(query)));
        if (normalised.size() != OBSERVATIONS || stated.size() != OBSERVATIONS) {
            throw new IllegalStateException("the panel must have " + OBSERVATIONS + " observations");
        }
    }

    @Benchmark
    @OperationsPerInvocation(OBSERVATIONS)
    public void canonicalMeasurements(Blackhole gradings) {
        for (GradingRequest request : normalised) {
            gradings.consume(grader.grade(request));
        }
    }

    @Benchmark
    @OperationsPerInvocation(OBSERVATIONS)
    public void statedValuesWithUnitConversion(Blackhole gradings) {
        for (TermQuery query : stated) {
            gradings.consume(grader.grade(query));
        }
    }

    private static void requireGraded(Grading grading) {
        if (grading.status() != GradingStatus.GRADED) {
            throw new IllegalStateException("benchmark panel no longer grades: " + grading.explanation());
        }
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
