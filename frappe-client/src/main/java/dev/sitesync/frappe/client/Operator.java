package dev.sitesync.frappe.client;

import java.util.Arrays;
import java.util.Locale;

/** The filter operators of Frappe's {@code get_filter} ({@code frappe/utils/data.py}), by their wire symbol. */
public enum Operator {

    EQ("="),
    NE("!="),
    GT(">"),
    LT("<"),
    GE(">="),
    LE("<="),
    LIKE("like"),
    NOT_LIKE("not like"),
    IN("in"),
    NOT_IN("not in"),
    IS("is"),
    BETWEEN("between"),
    TIMESPAN("timespan"),
    PREVIOUS("previous"),
    NEXT("next"),
    DESCENDANTS_OF("descendants of"),
    ANCESTORS_OF("ancestors of"),
    NOT_DESCENDANTS_OF("not descendants of"),
    NOT_ANCESTORS_OF("not ancestors of");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator written as Frappe accepts it (case and surrounding blanks ignored). */
    public static Operator fromSymbol(String symbol) {
        String wanted = symbol.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(op -> op.symbol.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Frappe filter operator: " + symbol));
    }
}
