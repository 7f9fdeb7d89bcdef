package dev.sitesync.frappe.sim.meta;

/** Frappe's permission types, as named in its messages ("No permission to read Item"). */
public enum PermissionType {

    READ,
    WRITE,
    CREATE,
    DELETE,
    SUBMIT,
    CANCEL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
