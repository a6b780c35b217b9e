package io.ferry.vcsp;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.UUID;

/**
 * Turns {@link ItemRows} into VCSP item objects as they stream by, in the shape VMware's own generator writes
 * ({@code id}, {@code name}, {@code type}, {@code files} with {@code name}, {@code size}, {@code etag},
 * {@code hrefs}, {@code selfHref}, {@code version}). Nothing of an item is held but its key and version: an OVF
 * item's fields go out at its first row, its files as they come, its version when the next item begins.
 * <ul>
 * <li>etag: the file's SHA-256, so it changes exactly when the file's bytes do;</li>
 * <li>version: the repository version since which the item is as it is (a file of it added or changed, or for an
 * OVF item also one removed from its folder), so it moves only when the item's content does.</li>
 * </ul>
 */
final class ItemWriter implements ItemRows.Consumer {
    static final String OVF = "vcsp.ovf";
    static final String ISO = "vcsp.iso";
    static final String OTHER = "vcsp.other";

    private final JsonGenerator g;
    private final UUID libraryId;
    private final String created;
    private final String rootName;
    private String openOvf;
    private int ovfVersion;
    private long written;

    ItemWriter(JsonGenerator g, UUID libraryId, String created, String rootName) {
        this.g = g;
        this.libraryId = libraryId;
        this.created = created;
        this.rootName = rootName;
    }

    /** Items written so far. */
    long written() {
        return written;
    }

    @Override
    public void accept(ItemRows.Row row) throws IOException {
        if (openOvf != null && !openOvf.equals(row.item())) {
            closeOvf();
        }
        if (!row.ovf()) {
            if (row.removedIn() == null) {
                single(row);
            }
            return;
        }
        if (openOvf == null) {
            openOvf = row.item();
            ovfVersion = 0;
            head(row.item(), row.item().isEmpty() ? rootName : row.item(), OVF);
            g.writeArrayFieldStart("files");
        }
        if (row.removedIn() != null) {
            ovfVersion = Math.max(ovfVersion, row.removedIn());
            return;
        }
        ovfVersion = Math.max(ovfVersion, row.addedIn());
        String name = row.path().substring(row.path().lastIndexOf('/') + 1);
        if (!name.equals("item.json")) { // the generated one is served at that path
            file(name, row);
        }
    }

    /** Ends the last item, if one is open. */
    void finish() throws IOException {
        if (openOvf != null) {
            closeOvf();
        }
    }

    private void single(ItemRows.Row row) throws IOException {
        String name = row.path();
        boolean iso = name.toLowerCase(java.util.Locale.ROOT).endsWith(".iso");
        head(row.item(), iso ? name.substring(0, name.length() - 4) : name, iso ? ISO : OTHER);
        g.writeArrayFieldStart("files");
        file(name.substring(name.lastIndexOf('/') + 1), row);
        g.writeEndArray();
        g.writeStringField("version", String.valueOf(row.addedIn()));
        g.writeEndObject();
    }

    private void head(String key, String name, String type) throws IOException {
        written++;
        g.writeStartObject();
        g.writeStringField("id", "urn:uuid:" + Library.itemId(libraryId, key));
        g.writeStringField("name", name);
        g.writeStringField("type", type);
        g.writeStringField("created", created);
        g.writeStringField("description", "");
        g.writeObjectFieldStart("properties");
        g.writeEndObject();
        g.writeStringField("selfHref", selfHref(key, type.equals(OVF)));
    }

    private void file(String name, ItemRows.Row row) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeNumberField("size", row.size());
        g.writeStringField("etag", row.sha256());
        g.writeArrayFieldStart("hrefs");
        g.writeString(href(row.path()));
        g.writeEndArray();
        g.writeEndObject();
    }

    private void closeOvf() throws IOException {
        g.writeEndArray();
        g.writeStringField("version", String.valueOf(ovfVersion));
        // as VMware's generator writes it, so that a subscriber shows the item as an OVF template
        g.writeArrayFieldStart("metadata");
        g.writeStartObject();
        g.writeStringField("key", "type-metadata");
        g.writeStringField("value", "{\"id\":\"urn:uuid:" + Library.itemId(libraryId, openOvf) + "\",\"version\":\"" + ovfVersion
                + "\",\"libraryIdParent\":\"urn:uuid:" + libraryId + "\",\"isVappTemplate\":\"false\",\"vmTemplate\":null,"
                + "\"vappTemplate\":null,\"networks\":[],\"storagePolicyGroups\":null}");
        g.writeStringField("type", "String");
        g.writeStringField("domain", "SYSTEM");
        g.writeStringField("visibility", "READONLY");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        openOvf = null;
    }

    /**
     * Where an item's item.json is: inside an OVF item's folder; next to a single file ({@code FILE.item.json}), never
     * below it, because object stores (S3 on a filesystem, MinIO) cannot hold an object and a key below it at once.
     */
    static String selfHref(String key, boolean ovf) {
        return documentPath(href(key), ovf);
    }

    /** The path of an item's item.json below the library, unencoded ({@code href}-encoded when given an href). */
    static String documentPath(String key, boolean ovf) {
        return key.isEmpty() ? "item.json" : ovf ? key + "/item.json" : key + ".item.json";
    }

    static String href(String path) {
        return io.ferry.common.value.UrlPath.encode(path);
    }
}
