package dev.sitesync.frappe.sim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteRequestTest {

    @ParameterizedTest(name = "{0} {1} is a {3}")
    @CsvSource(nullValues = "-", value = {
            "GET,    /api/resource/Item,                             -,    list,   Item,       -",
            "POST,   /api/resource/Item,                             -,    insert, Item,       -",
            "GET,    /api/resource/Item%20Price/abc123,              -,    get,    Item Price, -",
            "PUT,    /api/resource/Item/SKU-1,                       -,    update, Item,       -",
            "DELETE, /api/resource/Item/SKU-1,                       -,    delete, Item,       -",
            "POST,   /api/resource/Sales%20Order/SO-1,               -,    method, Sales Order, run_method",
            "GET,    /api/method/frappe.client.get_count,            Item, method, Item,       frappe.client.get_count",
            "GET,    /api/method/ping,                               -,    method, -,          ping",
            "GET,    /api/v2/document/Item,                          -,    list,   Item,       -",
            "PATCH,  /api/v2/document/Item/SKU-1,                    -,    update, Item,       -",
            "POST,   /api/v2/document/Sales%20Order/SO-1/method/submit, -, method, Sales Order, submit",
            "GET,    /api/v2/doctype/Item/meta,                      -,    other,  -,          -",
            "GET,    /api/resource/A+B,                              -,    list,   A+B,        -"})
    void aRequestIsKnownByItsMethodAndPath(String method, String path, String doctypeParameter, String kind,
            String doctype, String called) {
        SiteRequest request = SiteRequest.of(method, path, doctypeParameter).orElseThrow();

        assertThat(request.kind()).isEqualTo(kind);
        assertThat(request.doctype()).isEqualTo(doctype);
        assertThat(request.method()).isEqualTo(called);
    }
}
