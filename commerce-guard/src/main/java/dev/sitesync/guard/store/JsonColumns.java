package dev.sitesync.guard.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes values to jsonb columns and reads them back, with the application's JSON mapping. */
@Singleton
public class JsonColumns {

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public <T> T read(String column, TypeReference<T> type) {
        try {
            return column == null ? null : json.readValue(column, type);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored JSON column no longer reads as " + type.getType(), e);
        }
    }
}
