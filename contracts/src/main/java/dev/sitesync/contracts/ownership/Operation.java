package dev.sitesync.contracts.ownership;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the source did to a record; a delete reaches consumers as a compensating update (disabled = 1). */
public enum Operation {
    @JsonProperty("upsert")
    UPSERT,
    @JsonProperty("delete")
    DELETE
}
