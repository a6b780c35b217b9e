package io.ferry.content.type;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Unit metadata as stored (a JSON object of strings); the rule for what may be stored is {@link io.ferry.common.value.Metadata}. */
public final class UnitMetadata {
    private static final TypeReference<Map<String, String>> STORED = new TypeReference<>() {
    };

    private UnitMetadata() {
    }

    public static Map<String, String> fromJson(ObjectMapper json, String text) {
        try {
            return json.readValue(text, STORED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
