package dev.sitesync.frappe.sim.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One permission rule of a doctype: what holders of {@code role} may do. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocPerm(String role, boolean read, boolean write, boolean create, boolean delete, boolean submit,
        boolean cancel) {

    public DocPerm(@JsonProperty("role") String role, @JsonProperty("read") int read,
            @JsonProperty("write") int write, @JsonProperty("create") int create, @JsonProperty("delete") int delete,
            @JsonProperty("submit") int submit, @JsonProperty("cancel") int cancel) {
        this(role, read == 1, write == 1, create == 1, delete == 1, submit == 1, cancel == 1);
    }

    public boolean allows(PermissionType type) {
        return switch (type) {
            case READ -> read;
            case WRITE -> write;
            case CREATE -> create;
            case DELETE -> delete;
            case SUBMIT -> submit;
            case CANCEL -> cancel;
        };
    }
}
