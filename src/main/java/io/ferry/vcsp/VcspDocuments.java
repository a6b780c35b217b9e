package io.ferry.vcsp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.system.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Writes a library's lib.json, items.json and item.json straight to the response, row by row. */
@ApplicationScoped
public class VcspDocuments {
    /** The time format of VMware's generator. */
    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Inject
    ItemRows rows;
    @Inject
    ObjectMapper json;
    @Inject
    ServerIdentity identity;

    UUID libraryId(Library lib) {
        return lib.id(identity.serverId());
    }

    void lib(Library lib, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("vcspVersion", "2");
            g.writeStringField("version", String.valueOf(rows.changedIn(lib.repo().repositoryId(), lib.repo().version())));
            g.writeStringField("contentVersion", "1");
            g.writeStringField("name", lib.path().replace("Library/custom/", ""));
            g.writeStringField("id", "urn:uuid:" + libraryId(lib));
            g.writeStringField("created", created(lib));
            g.writeObjectFieldStart("capabilities");
            g.writeArrayFieldStart("transferIn");
            g.writeString("httpGet");
            g.writeEndArray();
            g.writeArrayFieldStart("transferOut");
            g.writeString("httpGet");
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("itemsHref", "items.json");
            g.writeEndObject();
        }
    }

    void items(Library lib, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            ItemWriter w = writer(lib, g);
            rows.all(lib.repo().repositoryId(), lib.repo().version(), w);
            w.finish();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Whether the library has an item {@code key} (an OVF folder, or a file outside one). */
    boolean hasItem(Library lib, String key) throws IOException {
        return item(lib, key, OutputStream.nullOutputStream()) > 0;
    }

    /** Writes item {@code key}'s document; the number of items written (0 or 1). */
    long item(Library lib, String key, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            ItemWriter w = writer(lib, g);
            rows.item(lib.repo().repositoryId(), lib.repo().version(), key, w);
            w.finish();
            return w.written();
        }
    }

    JsonGenerator generator(OutputStream out) throws IOException {
        return json.getFactory().createGenerator(out);
    }

    private ItemWriter writer(Library lib, JsonGenerator g) {
        return new ItemWriter(g, libraryId(lib), created(lib), lib.repo().label());
    }

    private String created(Library lib) {
        return CREATED.format(rows.created(lib.repo().repositoryId()));
    }
}
