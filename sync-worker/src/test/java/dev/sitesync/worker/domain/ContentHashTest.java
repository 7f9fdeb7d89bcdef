package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ContentHashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameContentOnTwoSitesHashesTheSameWhateverTheirBookkeeping() throws Exception {
        ObjectNode central = (ObjectNode) JSON.readTree("""
                {"name":"SKU-1","item_code":"SKU-1","item_name":"Mug","modified":"2024-01-05 10:11:12.123456",
                 "owner":"Administrator","idx":0,"uoms":[{"name":"a1b2c3","uom":"Nos","conversion_factor":1,"idx":1}]}""");
        ObjectNode north = (ObjectNode) JSON.readTree("""
                {"uoms":[{"conversion_factor":1,"uom":"Nos","name":"ffee99","parent":"SKU-1"}],"item_name":"Mug",
                 "item_code":"SKU-1","name":"SKU-1","modified":"2025-02-01 00:00:00","sitesync_external_id":"x",
                 "description":null}""");

        assertThat(ContentHash.of(central)).isEqualTo(ContentHash.of(north)).hasSize(64);
    }

    @Test
    void anyContentChangeChangesTheHash() throws Exception {
        ObjectNode before = (ObjectNode) JSON.readTree("{\"item_code\":\"SKU-1\",\"item_name\":\"Mug\"}");
        ObjectNode after = (ObjectNode) JSON.readTree("{\"item_code\":\"SKU-1\",\"item_name\":\"Mug XL\"}");

        assertThat(ContentHash.of(before)).isNotEqualTo(ContentHash.of(after));
    }
}
