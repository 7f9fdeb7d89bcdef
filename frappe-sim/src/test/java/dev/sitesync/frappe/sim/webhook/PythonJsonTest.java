package dev.sitesync.frappe.sim.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PythonJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void objectsUsePythonsSeparatorsAndKeepTheirKeyOrder() throws Exception {
        String json = PythonJson.dumps(mapper.readTree(
                "{\"name\":\"SAL-ORD-2024-00042\",\"customer\":\"Acme Corp\",\"grand_total\":1180.0,\"docstatus\":1,"
                        + "\"items\":[1,null,true]}"));

        assertThat(json).isEqualTo("{\"name\": \"SAL-ORD-2024-00042\", \"customer\": \"Acme Corp\", "
                + "\"grand_total\": 1180.0, \"docstatus\": 1, \"items\": [1, null, true]}");
    }

    @Test
    void textIsEscapedAsEnsureAsciiDoes() throws Exception {
        String json = PythonJson.dumps(mapper.readTree("\"T\u00fcte \\\"x\\\"\\n\u20ac\\u0001\u007f\""));

        assertThat(json).isEqualTo("\"T\\u00fcte \\\"x\\\"\\n\\u20ac\\u0001\\u007f\"");
    }

    @Test
    void floatsAreWrittenAsPythonsRepr() {
        assertThat(PythonJson.floatRepr(1180.0)).isEqualTo("1180.0");
        assertThat(PythonJson.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonJson.floatRepr(12.5)).isEqualTo("12.5");
        assertThat(PythonJson.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonJson.floatRepr(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJson.floatRepr(-2.0)).isEqualTo("-2.0");
        assertThat(PythonJson.floatRepr(0.0)).isEqualTo("0.0");
    }
}
