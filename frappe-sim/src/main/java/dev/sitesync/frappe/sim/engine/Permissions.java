package dev.sitesync.frappe.sim.engine;

import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.PermissionType;

/** Role-based doctype permissions, as {@code frappe.permissions.has_permission} decides them without user filters. */
public final class Permissions {

    private Permissions() {
    }

    public static boolean allows(Caller caller, DocTypeMeta meta, PermissionType type) {
        if (caller.isAdministrator()) {
            return true;
        }
        return meta.permissions().stream()
                .anyMatch(perm -> caller.roles().contains(perm.role()) && perm.allows(type));
    }

    public static void check(Caller caller, DocTypeMeta meta, PermissionType type) {
        if (!allows(caller, meta, type)) {
            throw FrappeError.permission("No permission to " + type.word() + " " + meta.name());
        }
    }
}
