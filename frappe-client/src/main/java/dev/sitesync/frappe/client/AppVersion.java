package dev.sitesync.frappe.client;

/** One installed app as {@code frappe.utils.change_log.get_versions} reports it. */
public record AppVersion(String app, String title, String version, String branch) {
}
