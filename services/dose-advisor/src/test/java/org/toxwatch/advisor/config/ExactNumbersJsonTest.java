package org.toxwatch.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A yes/no field takes true or false, nothing bent into one. */
class ExactNumbersJsonTest {

    record YesNo(Boolean hccLiverInvolvement) {
    }

    private final ObjectMapper json = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new ExactNumbersJson().customize(mapper);
        return mapper;
    }

    @Test
    void anEmptyStringIsNotABoolean() {
        assertThatThrownBy(() -> json.readValue("{\"hccLiverInvolvement\":\"\"}", YesNo.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void textAndNumbersAreNotBooleansEither() {
        assertThatThrownBy(() -> json.readValue("{\"hccLiverInvolvement\":\"true\"}", YesNo.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"hccLiverInvolvement\":1}", YesNo.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void trueFalseAndNullAreRead() throws Exception {
        assertThat(json.readValue("{\"hccLiverInvolvement\":true}", YesNo.class).hccLiverInvolvement()).isTrue();
        assertThat(json.readValue("{\"hccLiverInvolvement\":false}", YesNo.class).hccLiverInvolvement()).isFalse();
        assertThat(json.readValue("{\"hccLiverInvolvement\":null}", YesNo.class).hccLiverInvolvement()).isNull();
    }
}
