package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class DocMetaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void findsLinkValuesAtTheTopAndInChildRows() throws Exception {
        DocMeta item = DocMeta.from("Item", JSON.readTree("""
                {"fields":[{"fieldname":"item_group","fieldtype":"Link","options":"Item Group"},
                           {"fieldname":"brand","fieldtype":"Link","options":"Brand"},
                           {"fieldname":"uoms","fieldtype":"Table","options":"UOM Conversion Detail"},
                           {"fieldname":"disabled","fieldtype":"Check"}]}"""));
        DocMeta conversion = DocMeta.from("UOM Conversion Detail", JSON.readTree("""
                {"fields":[{"fieldname":"uom","fieldtype":"Link","options":"UOM"}]}"""));

        var links = item.linkValues(JSON.readTree("""
                {"item_group":"Mugs","brand":"","uoms":[{"uom":"Nos"},{"uom":"Box"}]}"""),
                Map.of("UOM Conversion Detail", conversion));

        assertThat(links).containsExactly(new DocMeta.LinkValue("item_group", "Item Group", "Mugs"),
                new DocMeta.LinkValue("uoms[0].uom", "UOM", "Nos"), new DocMeta.LinkValue("uoms[1].uom", "UOM", "Box"));
        assertThat(item.hasDisabled()).isTrue();
        assertThat(item.hasEnabled()).isFalse();
    }
}
