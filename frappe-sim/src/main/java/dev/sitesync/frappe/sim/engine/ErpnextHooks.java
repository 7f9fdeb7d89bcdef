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
 * Order and Sales Invoice totals, the Bin quantities a Sales Order reserves, and what a Payment Entry checks and
 * allocates.
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
            case "Sales Invoice" -> {
                new SalesOrderTotals(tx).apply(doc);
                outstanding(doc);
            }
            case "Payment Entry" -> paymentEntry(doc);
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

    /**
     * A submitted Sales Order reserves its stock items' quantities in their warehouses' Bins; a submitted Payment Entry
     * adds what it allocates to its Sales Orders' {@code advance_paid}; a submitted Sales Invoice is unpaid, or a
     * return.
     */
    void onSubmit(DocTypeMeta meta, ObjectNode doc) {
        switch (meta.name()) {
            case "Sales Order" -> {
                reserve(doc, BigDecimal.ONE);
                doc.put("status", "To Deliver and Bill");
                doc.put("delivery_status", "Not Delivered");
                doc.put("billing_status", "Not Billed");
            }
            case "Sales Invoice" -> doc.put("status", doc.path("is_return").asInt() == 1 ? "Return" : "Unpaid");
            case "Payment Entry" -> {
                advancePaid(doc, BigDecimal.ONE);
                doc.put("status", "Submitted");
            }
            default -> {
            }
        }
    }

    void onCancel(DocTypeMeta meta, ObjectNode doc) {
        switch (meta.name()) {
            case "Sales Order" -> {
                reserve(doc, BigDecimal.ONE.negate());
                doc.put("status", "Cancelled");
            }
            case "Payment Entry" -> {
                advancePaid(doc, BigDecimal.ONE.negate());
                doc.put("status", "Cancelled");
            }
            case "Sales Invoice" -> doc.put("status", "Cancelled");
            default -> {
            }
        }
    }

    /** {@code sales_invoice.py}: what is still to be paid is the (rounded) grand total, negative for a return. */
    private static void outstanding(ObjectNode invoice) {
        BigDecimal rounded = invoice.path("rounded_total").decimalValue();
        invoice.put("outstanding_amount",
                (rounded.signum() != 0 ? rounded : invoice.path("grand_total").decimalValue()).doubleValue());
    }

    /**
     * {@code payment_entry.py}: the party's name as title, amounts in company currency, what the references allocate;
     * a Sales Order or Sales Invoice referenced must exist and be submitted ({@code validate_reference_documents}).
     */
    private void paymentEntry(ObjectNode entry) {
        if (DocumentCodec.text(entry, "title").isEmpty()) {
            entry.put("title", DocumentCodec.text(entry, "party"));
        }
        if (DocumentCodec.text(entry, "party_name").isEmpty()) {
            entry.put("party_name", DocumentCodec.text(entry, "party"));
        }
        BigDecimal paid = entry.path("paid_amount").decimalValue();
        BigDecimal received = entry.path("received_amount").decimalValue();
        BigDecimal sourceRate = positiveOr(entry.path("source_exchange_rate").decimalValue());
        BigDecimal targetRate = positiveOr(entry.path("target_exchange_rate").decimalValue());
        entry.put("source_exchange_rate", sourceRate.doubleValue());
        entry.put("target_exchange_rate", targetRate.doubleValue());
        entry.put("base_paid_amount", paid.multiply(sourceRate).doubleValue());
        entry.put("base_received_amount", received.multiply(targetRate).doubleValue());
        BigDecimal allocated = BigDecimal.ZERO;
        for (JsonNode node : entry.path("references")) {
            ObjectNode row = (ObjectNode) node;
            String doctype = DocumentCodec.text(row, "reference_doctype");
            String name = DocumentCodec.text(row, "reference_name");
            if (doctype.equals("Sales Order") || doctype.equals("Sales Invoice")) {
                var referenced = tx.load(doctype, name, false)
                        .orElseThrow(() -> FrappeError.validation(doctype + " " + name + " does not exist"));
                if (referenced.docstatus() != 1) {
                    throw FrappeError.validation(doctype + " " + name + " must be submitted");
                }
                row.put("total_amount", referenced.data().path("grand_total").doubleValue());
                row.put("outstanding_amount", referenced.data().path("grand_total").decimalValue()
                        .subtract(referenced.data().path("advance_paid").decimalValue()).doubleValue());
            }
            allocated = allocated.add(row.path("allocated_amount").decimalValue());
        }
        entry.put("total_allocated_amount", allocated.doubleValue());
        entry.put("unallocated_amount", paid.subtract(allocated).doubleValue());
        entry.put("difference_amount", 0.0);
        if (entry.path("docstatus").asInt() == 0) {
            entry.put("status", "Draft");
        }
    }

    /** {@code update_advance_paid}: a Sales Order's advance is the sum of the payments allocated to it. */
    private void advancePaid(ObjectNode entry, BigDecimal sign) {
        for (JsonNode row : entry.path("references")) {
            if (!"Sales Order".equals(DocumentCodec.text(row, "reference_doctype"))) {
                continue;
            }
            String name = DocumentCodec.text(row, "reference_name");
            tx.load("Sales Order", name, true).ifPresent(order -> {
                ObjectNode data = order.data();
                data.put("advance_paid", data.path("advance_paid").decimalValue()
                        .add(row.path("allocated_amount").decimalValue().multiply(sign)).doubleValue());
                tx.update("Sales Order", name, order.docstatus(), data);
            });
        }
    }

    private static BigDecimal positiveOr(BigDecimal value) {
        return value.signum() > 0 ? value : BigDecimal.ONE;
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
