package org.toxwatch.ctcae.units;

import org.fhir.ucum.BaseUnit;
import org.fhir.ucum.Component;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.DefinedUnit;
import org.fhir.ucum.ExpressionParser;
import org.fhir.ucum.Pair;
import org.fhir.ucum.Symbol;
import org.fhir.ucum.Term;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of org.fhir:ucum this module needs, with exact decimal results. UCUM's own {@link Decimal} limits
 * precision to the digits of its input, so conversion factors are derived from canonical forms of a 1 written with
 * 37 significant digits and then divided in {@link BigDecimal}; powers of ten (every count and mass-concentration
 * conversion) come out exact. The essence service is not documented as thread-safe, so calls into it are serialised
 * and their results cached, in caches of bounded size (codes come from outside).
 */
final class UcumUnits {

    /** Digits kept for factors that are not terminating decimals (U/L to ukat/L, molar conversions), as admiral does. */
    static final MathContext RESULT_PRECISION = new MathContext(15);
    private static final String ONE = "1.000000000000000000000000000000000000";
    private static final int MAX_DEFINITION_DEPTH = 12;
    /** Far more codes than any ward's labs use; the rest are made-up spellings, not worth keeping. */
    static final int CACHED_CODES = 512;

    private final UcumEssenceService service;
    private final ExpressionParser parser;
    private final BoundedCache<String, Optional<String>> validation = new BoundedCache<>(CACHED_CODES);
    private final BoundedCache<String, UnitKind> kinds = new BoundedCache<>(CACHED_CODES);
    private final BoundedCache<String, BigDecimal> factors = new BoundedCache<>(CACHED_CODES);

    UcumUnits() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            if (essence == null) {
                throw new IllegalStateException("ucum-essence.xml missing from the org.fhir:ucum jar");
            }
            service = new UcumEssenceService(essence);
            parser = new ExpressionParser(service.getModel());
        } catch (UcumException e) {
            throw new IllegalStateException("UCUM essence cannot be loaded", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UCUM's complaint about a code, or empty when the code is valid UCUM. */
    Optional<String> problemWith(String code) {
        return validation.computeIfAbsent(code, c -> {
            synchronized (service) {
                return Optional.ofNullable(service.validate(c));
            }
        });
    }

    UnitKind kind(String code) {
        return kinds.computeIfAbsent(code, this::analyseKind);
    }

    /** How many {@code to} make one {@code from}; both must be valid, linear and of the same {@link UnitKind}. */
    BigDecimal factor(String from, String to) {
        return factors.computeIfAbsent(from + "\u0000" + to, key -> {
            BigDecimal fromCanonical = canonicalValueOfOne(from);
            BigDecimal toCanonical = canonicalValueOfOne(to);
            return fromCanonical.divide(toCanonical, MathContext.DECIMAL128).round(RESULT_PRECISION);
        });
    }

    /** Entries held by the largest of the caches (for tests). */
    int cachedEntries() {
        return Math.max(validation.size(), Math.max(kinds.size(), factors.size()));
    }

    private BigDecimal canonicalValueOfOne(String code) {
        synchronized (service) {
            try {
                Pair canonical = service.getCanonicalForm(new Pair(new Decimal(ONE), code));
                return new BigDecimal(canonical.getValue().asDecimal());
            } catch (UcumException e) {
                throw new IllegalArgumentException("UCUM cannot convert " + code + ": " + e.getMessage(), e);
            }
        }
    }

    private UnitKind analyseKind(String code) {
        synchronized (service) {
            try {
                KindScan scan = new KindScan();
                scan.expression(code, 0);
                String canonical = scan.special ? "" : service.getCanonicalUnits(code);
                return new UnitKind(canonical, scan.mole, scan.arbitrary, scan.special);
            } catch (UcumException e) {
                throw new IllegalArgumentException("UCUM cannot analyse " + code + ": " + e.getMessage(), e);
            }
        }
    }

    /** Walks a unit expression and the definitions of the units it uses, looking for moles and arbitrary units. */
    private final class KindScan {
        boolean mole;
        boolean special;
        final Set<String> arbitrary = new HashSet<>();

        void expression(String expression, int depth) throws UcumException {
            if (depth > MAX_DEFINITION_DEPTH || expression == null || expression.isBlank() || "1".equals(expression)) {
                return;
            }
            component(parser.parse(expression), depth);
        }

        private void component(Component component, int depth) throws UcumException {
            if (component instanceof Term term) {
                if (term.hasComp()) {
                    component(term.getComp(), depth);
                }
                if (term.hasTerm()) {
                    component(term.getTerm(), depth);
                }
            } else if (component instanceof Symbol symbol) {
                unit(symbol.getUnit(), depth);
            }
        }

        private void unit(Unit unit, int depth) throws UcumException {
            if (unit instanceof BaseUnit || !(unit instanceof DefinedUnit defined)) {
                return;
            }
            if ("mol".equals(defined.getCode())) {
                mole = true;
                return;
            }
            if ("arbitrary".equals(defined.getProperty())) {
                arbitrary.add(defined.getCode());
            }
            if (defined.isSpecial()) {
                special = true;
                return;
            }
            expression(defined.getValue().getUnit(), depth + 1);
        }
    }
}
