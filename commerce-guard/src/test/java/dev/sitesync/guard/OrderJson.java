package dev.sitesync.guard;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sitesync.guard.site.ShopSite;

/**
 * Orders as a storefront sends them, as JSON maps: by default two mugs at 100 with 18% VAT for the shop's customer,
 * which passes every rule. Tests change one thing at a time.
 */
public final class OrderJson {

    private final Map<String, Object> order = new LinkedHashMap<>();
    private final List<Map<String, Object>> items = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    private OrderJson() {
        order.put("customer", ShopSite.CUSTOMER);
        order.put("company", ShopSite.COMPANY);
        order.put("transaction_date", today().toString());
        order.put("delivery_date", today().plusDays(7).toString());
        order.put("currency", ShopSite.CURRENCY);
        order.put("territory", ShopSite.TERRITORY);
        order.put("taxes", List.of(Map.of("charge_type", "On Net Total", "account_head", "VAT - _TC",
                "description", "VAT", "rate", 18)));
        order.put("items", items);
    }

    public static OrderJson order() {
        return new OrderJson().item(ShopSite.MUG, 2, 100);
    }

    public static OrderJson orderWithout(String... fields) {
        OrderJson json = order();
        for (String field : fields) {
            json.order.remove(field);
        }
        return json;
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public OrderJson with(String field, Object value) {
        order.put(field, value);
        return this;
    }

    public Object field(String name) {
        return order.get(name);
    }

    /** Replaces the lines with this one. */
    public OrderJson onlyItem(String code, double qty, double rate) {
        return onlyItem(code, qty, rate, ShopSite.STORES);
    }

    public OrderJson onlyItem(String code, double qty, double rate, String warehouse) {
        items.clear();
        return item(code, qty, rate, warehouse);
    }

    public OrderJson item(String code, double qty, double rate) {
        return item(code, qty, rate, ShopSite.STORES);
    }

    public OrderJson item(String code, double qty, double rate, String warehouse) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("item_code", code);
        line.put("qty", qty);
        line.put("rate", rate);
        line.put("warehouse", warehouse);
        items.add(line);
        return this;
    }

    /** Sets a field on the last line. */
    public OrderJson line(String field, Object value) {
        items.get(items.size() - 1).put(field, value);
        return this;
    }

    public OrderJson context(String field, Object value) {
        context.put(field, value);
        return this;
    }

    /** The body of a check or create request for the shop. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("site", ShopSite.CODE);
        request.put("order", order);
        if (!context.isEmpty()) {
            request.put("context", context);
        }
        return request;
    }
}
