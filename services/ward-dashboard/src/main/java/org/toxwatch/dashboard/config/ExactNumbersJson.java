package org.toxwatch.dashboard.config;

import jakarta.inject.Singleton;

import org.toxwatch.resilience.http.NulFreeText;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Lab values stay exact decimals on the wire: no binary floats, no scientific notation. Nor is a request's value bent
 * to fit its field: a reason sent as a number or a boolean is refused (400), not read as the text "42" (found by the
 * hostile-input suite, as in the grader and the advisor).
 */
@Singleton
public class ExactNumbersJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // no NUL in any string: PostgreSQL cannot store it (NulFreeText)
        mapper.registerModule(NulFreeText.jsonModule());
    }
}
