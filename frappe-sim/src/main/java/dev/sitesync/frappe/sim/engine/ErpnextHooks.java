package dev.sitesync.frappe.sim.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.store.SiteTx;
import dev.sitesync.frappe.sim.store.UniqueIndexes;

/**
 * The few ERPNext and Frappe controller behaviours the simulator reproduces in code, because they are behaviour, not
 * metadata: how Customers, Suppliers, Warehouses and Custom Fields are named, Item and Item Price defaults, Sales
 * Order totals, and the Bin quantities a Sales Order reserves.
 */
final class ErpnextHooks {

    private final MetaRegistry metas;
    private final String site;
    private final SiteTx tx;
    private final SiteClock clock;

    ErpnextHooks(MetaRegistry metas, String site, SiteTx tx, SiteClock clock) {
        this.metas = metas;
        this.site = site;
        this.tx = tx;
        this.clock = clock;
    }

    /** A controller's {@code autoname}, where it overrides the doctype's naming rule. */
    Optional<String> name(DocTypeMeta meta, ObjectNode doc) {
        return switch (meta.name()) {
            case "Customer" -> Optional.of(partyName(meta.name(), DocumentCodec.text(doc, "customer_name").trim()));
            case "Supplier" -> Optional.of(partyName(meta.name(), DocumentCodec.text(doc, "supplier_name").trim()));
            case "Warehouse" -> Optional.of(warehouseName(doc));
            case "Custom Field" -> Optional.of(DocumentCodec.text(doc, "dt") + "-"
                    + DocumentCodec.text(doc, "fieldname"));
            case "User" -> Optional.of(DocumentCodec.text(doc, "email"));
            default -> Optional.empty();
        };
    }

    /** {@code customer.py get_customer_name}: on a clash, {@code "Acme - 1"}, {@code "Acme - 2"}... */
    private String partyName(String doctype, String wanted) {
        if (wanted.isEmpty() || !tx.exists(doctype, wanted)) {
            return wanted;
        }
        for (int suffix = 1;; suffix++) {
            String candidate = wanted + " - " + suffix;
            if (!tx.exists(doctype, candidate)) {
                return candidate;
            }
        }
    }

    private String warehouseName(ObjectNode doc) {
        String warehouse = DocumentCodec.text(doc, "warehouse_name").trim();
        String company = DocumentCodec.text(doc, "company");
        String abbr = tx.load("Company", company, false).map(c -> DocumentCodec.text(c.data(), "abbr")).orElse("");
        return abbr.isEmpty() || warehouse.endsWith(" - " + abbr) ? warehouse : warehouse + " - " + abbr;
    }

    /** Fields controllers fill in before validation. */
    void beforeValidate(DocTypeMeta meta, ObjectNode doc) {
        switch (meta.name()) {
            case "Item" -> {
                doc.put("item_code", DocumentCodec.text(doc, "item_code").trim());
                if (DocumentCodec.text(doc, "item_name").isEmpty()) {
                    doc.put("item_name", DocumentCodec.text(doc, "item_code"));
                }
                if (DocumentCodec.text(doc, "description").isEmpty()) {
                    doc.put("description", DocumentCodec.text(doc, "item_name"));
                }
            }
            case "Item Price" -> itemPriceDefaults(doc);
            case "Custom Field" -> customFieldDefaults(doc);
            case "Webhook" -> {
                if (!DocumentCodec.text(doc, "condition").isBlank()) {
                    Condition.parse(DocumentCodec.text(doc, "condition"));
                }
            }
            case "Sales Order" -> new SalesOrderTotals(tx).apply(doc);
            case "Bin" -> doc.put("projected_qty", projected(doc));
            case "User" -> doc.put("full_name", (DocumentCodec.text(doc, "first_name") + " "
                    + DocumentCodec.text(doc, "last_name")).trim());
            case "System Settings" -> validTimeZone(DocumentCodec.text(doc, "time_zone"));
            default -> {
            }
        }
    }

    /** A zone pytz would not know fails every later date conversion; refused when saved instead. */
    private static void validTimeZone(String zone) {
        if (!zone.isEmpty() && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw FrappeError.validation("Time Zone cannot be \"" + zone + "\": it is not a known time zone");
        }
    }

    /**
     * Schema changes a saved document makes, in its transaction: a Custom Field marked {@code unique} gets its
     * unique index ({@code frappe.db.updatedb}), refused while documents share a value; unmarked, it loses it.
     */
    void beforeCommit(DocTypeMeta meta, ObjectNode doc) {
        if (!"Custom Field".equals(meta.name())) {
            return;
        }
        String doctype = DocumentCodec.text(doc, "dt");
        String fieldname = DocumentCodec.text(doc, "fieldname");
        if (doc.path("unique").asInt() != 1) {
            UniqueIndexes.drop(tx, doctype, fieldname);
            return;
        }
        try {
            UniqueIndexes.ensure(tx, doctype, fieldname);
        } catch (UniqueIndexes.DuplicateValues e) {
            throw FrappeError.validation(fieldname + " field cannot be set as unique in tab" + doctype
                    + ", as there are non-unique existing values");
        }
    }

    /** A deleted Custom Field takes its unique index with it. */
    void onTrash(DocTypeMeta meta, ObjectNode doc) {
        if ("Custom Field".equals(meta.name())) {
            UniqueIndexes.drop(tx, DocumentCodec.text(doc, "dt"), DocumentCodec.text(doc, "fieldname"));
        }
    }

    private void itemPriceDefaults(ObjectNode doc) {
        tx.load("Item", DocumentCodec.text(doc, "item_code"), false).ifPresent(item -> {
            doc.put("item_name", DocumentCodec.text(item.data(), "item_name"));
            if (DocumentCodec.text(doc, "uom").isEmpty()) {
                doc.put("uom", DocumentCodec.text(item.data(), "stock_uom"));
            }
        });
        tx.load("Price List", DocumentCodec.text(doc, "price_list"), false).ifPresent(list -> {
            doc.put("currency", DocumentCodec.text(list.data(), "currency"));
            doc.put("buying", list.data().path("buying").asInt());
            doc.put("selling", list.data().path("selling").asInt());
        });
    }

    private static void customFieldDefaults(ObjectNode doc) {
        if (DocumentCodec.text(doc, "fieldname").isEmpty()) {
            doc.put("fieldname", DocumentCodec.text(doc, "label").trim().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9_]+", "_"));
        }
        if (!DocumentCodec.text(doc, "fieldname").matches("[a-z][a-z0-9_]*")) {
            throw FrappeError.validation("Fieldname " + DocumentCodec.text(doc, "fieldname")
                    + " can only contain lowercase letters, digits and underscores");
        }
    }

    /** A submitted Sales Order reserves its stock items' quantities in their warehouses' Bins. */
    void onSubmit(DocTypeMeta meta, ObjectNode doc) {
        if ("Sales Order".equals(meta.name())) {
            reserve(doc, BigDecimal.ONE);
            doc.put("status", "To Deliver and Bill");
            doc.put("delivery_status", "Not Delivered");
            doc.put("billing_status", "Not Billed");
        }
    }

    void onCancel(DocTypeMeta meta, ObjectNode doc) {
        if ("Sales Order".equals(meta.name())) {
            reserve(doc, BigDecimal.ONE.negate());
            doc.put("status", "Cancelled");
        }
    }

    private void reserve(ObjectNode order, BigDecimal sign) {
        for (JsonNode row : order.path("items")) {
            String itemCode = DocumentCodec.text(row, "item_code");
            boolean stockItem = tx.load("Item", itemCode, false)
                    .map(item -> item.data().path("is_stock_item").asInt() == 1).orElse(false);
            if (!stockItem) {
                continue;
            }
            String warehouse = DocumentCodec.text(row, "warehouse");
            if (warehouse.isEmpty()) {
                warehouse = DocumentCodec.text(order, "set_warehouse");
            }
            if (warehouse.isEmpty()) {
                throw FrappeError.validation("Row #" + row.path("idx").asInt() + ": Warehouse required for stock Item "
                        + itemCode);
            }
            BigDecimal qty = row.path("stock_qty").decimalValue().multiply(sign);
            adjustBin(itemCode, warehouse, qty);
        }
    }

    private void adjustBin(String itemCode, String warehouse, BigDecimal reservedChange) {
        DocTypeMeta binMeta = metas.find(site, "Bin").orElseThrow();
        // one Bin per item and warehouse: concurrent first reservations must not both create one
        tx.query("select pg_advisory_xact_lock(hashtext(?), hashtext(?))", List.of(itemCode, warehouse), rows -> 1);
        List<ObjectNode> found = tx.documents("select data from " + tx.schema() + ".document where doctype = 'Bin'"
                + " and data->>'item_code' = ? and data->>'warehouse' = ? for update", List.of(itemCode, warehouse));
        LocalDateTime now = clock.now();
        String stamp = Timestamps.format(now);
        ObjectNode bin;
        boolean create = found.isEmpty();
        if (create) {
            bin = DocumentCodec.object();
            bin.put("name", Naming.hash()).put("owner", Caller.ADMINISTRATOR).put("creation", stamp)
                    .put("docstatus", 0).put("idx", 0).put("item_code", itemCode).put("warehouse", warehouse);
            binMeta.fields().stream().filter(f -> f.isNumeric())
                    .forEach(f -> bin.set(f.fieldname(), DocumentCodec.zero(f)));
            tx.load("Item", itemCode, false)
                    .ifPresent(item -> bin.put("stock_uom", DocumentCodec.text(item.data(), "stock_uom")));
        } else {
            bin = found.get(0);
        }
        bin.put("reserved_qty", bin.path("reserved_qty").decimalValue().add(reservedChange).doubleValue());
        bin.put("projected_qty", projected(bin));
        bin.put("modified", stamp).put("modified_by", Caller.ADMINISTRATOR);
        ObjectNode canonical = DocumentCodec.canonical(binMeta, bin);
        if (create) {
            tx.insert("Bin", canonical.path("name").asText(), now, now, 0, canonical);
        } else {
            tx.update("Bin", canonical.path("name").asText(), 0, canonical);
        }
    }

    /** {@code bin.py}: actual + ordered + indented + planned - reserved - reserved for production and subcontracting. */
    static double projected(JsonNode bin) {
        BigDecimal value = bin.path("actual_qty").decimalValue()
                .add(bin.path("ordered_qty").decimalValue())
                .add(bin.path("indented_qty").decimalValue())
                .add(bin.path("planned_qty").decimalValue())
                .subtract(bin.path("reserved_qty").decimalValue())
                .subtract(bin.path("reserved_qty_for_production").decimalValue())
                .subtract(bin.path("reserved_qty_for_sub_contract").decimalValue());
        return value.setScale(9, RoundingMode.HALF_UP).doubleValue();
    }
}
