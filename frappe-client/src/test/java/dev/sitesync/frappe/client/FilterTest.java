package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class FilterTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aFieldFilterIsWrittenAsFrappesThreeElementList() throws Exception {
        String json = mapper.writeValueAsString(List.of(Filter.eq("disabled", 0), Filter.ge("modified",
                "2024-01-05 10:11:12.123456")));

        assertThat(json).isEqualTo("[[\"disabled\",\"=\",0],[\"modified\",\">=\",\"2024-01-05 10:11:12.123456\"]]");
    }

    @Test
    void aFilterNamingADoctypeIsWrittenAsTheFourElementList() throws Exception {
        String json = mapper.writeValueAsString(Filter.of("Sales Order Item", "item_code", "=", "SKU-001"));

        assertThat(json).isEqualTo("[\"Sales Order Item\",\"item_code\",\"=\",\"SKU-001\"]");
    }

    @Test
    void listOperatorsCarryTheirValuesAsJsonArrays() throws Exception {
        String json = mapper.writeValueAsString(List.of(Filter.in("item_group", List.of("Products", "Services")),
                Filter.between("creation", "2024-01-01", "2024-01-31"), Filter.notIn("name", List.of("A"))));

        assertThat(json).isEqualTo("[[\"item_group\",\"in\",[\"Products\",\"Services\"]],"
                + "[\"creation\",\"between\",[\"2024-01-01\",\"2024-01-31\"]],[\"name\",\"not in\",[\"A\"]]]");
    }

    @Test
    void isSetAndIsNotSetUseFrappesWords() throws Exception {
        assertThat(mapper.writeValueAsString(Filter.isSet("brand"))).isEqualTo("[\"brand\",\"is\",\"set\"]");
        assertThat(mapper.writeValueAsString(Filter.isNotSet("brand"))).isEqualTo("[\"brand\",\"is\",\"not set\"]");
    }

    @Test
    void valuesWithQuotesAndBracketsAreEscapedNotConcatenated() throws Exception {
        String json = mapper.writeValueAsString(Filter.like("item_name", "%\"],[\"name\",\"!=\",\"x%"));

        assertThat(mapper.readTree(json).get(2).asText()).isEqualTo("%\"],[\"name\",\"!=\",\"x%");
        assertThat(mapper.readTree(json)).hasSize(3);
    }

    @Test
    void operatorsAreReadFromTheirSymbolsIgnoringCase() {
        assertThat(Filter.of("item_name", " NOT LIKE ", "x").operator()).isEqualTo(Operator.NOT_LIKE);
        assertThat(Operator.fromSymbol("descendants of")).isEqualTo(Operator.DESCENDANTS_OF);
        assertThatThrownBy(() -> Filter.of("a", "~", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
