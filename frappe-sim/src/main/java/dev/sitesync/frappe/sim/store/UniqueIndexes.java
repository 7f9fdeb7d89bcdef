package dev.sitesync.frappe.sim.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The unique index Frappe puts on a field marked {@code unique} ({@code frappe.db.add_unique}), one partial index per
 * doctype and field over the documents' JSON. Values compare without case, as MariaDB's default collation compares
 * them; empty values are null and never clash.
 */
public final class UniqueIndexes {

    private static final Pattern FIELDNAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueIndexes() {
    }

    /** The index's name: short, stable, and free of the doctype's spaces. */
    public static String name(String doctype, String fieldname) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((doctype + "\u0000" + fieldname).getBytes(StandardCharsets.UTF_8));
            return "uq_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /**
     * Creates the index unless it exists; a {@link DuplicateValues} when documents already share a value, as
     * Frappe refuses to make such a column unique.
     */
    public static void ensure(SiteTx tx, String doctype, String fieldname) {
        try {
            tx.execute("create unique index if not exists " + name(doctype, fieldname) + " on " + tx.schema()
                    + ".document (lower(data->>'" + checked(fieldname) + "')) where doctype = '"
                    + doctype.replace("'", "''") + "'", List.of());
        } catch (StoreException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new DuplicateValues(doctype, fieldname);
            }
            throw e;
        }
    }

    public static void drop(SiteTx tx, String doctype, String fieldname) {
        tx.execute("drop index if exists " + tx.schema() + "." + name(doctype, fieldname), List.of());
    }

    private static String checked(String fieldname) {
        if (!FIELDNAME.matcher(fieldname).matches()) {
            throw new IllegalArgumentException("Not a Frappe fieldname: " + fieldname);
        }
        return fieldname;
    }

    /** Documents already share a value of the field that was to become unique. */
    public static final class DuplicateValues extends RuntimeException {

        private final String doctype;
        private final String fieldname;

        DuplicateValues(String doctype, String fieldname) {
            super(fieldname + " of " + doctype + " has duplicate values", null, false, false);
            this.doctype = doctype;
            this.fieldname = fieldname;
        }

        public String doctype() {
            return doctype;
        }

        public String fieldname() {
            return fieldname;
        }
    }
}
