package io.ferry.vcsp;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ferry.serving.PublishedRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The VCSP documents of a library for writers other than the HTTP endpoint (publication to a bucket): the same bytes
 * {@link VcspResource} serves. {@code path} is the library's path after the organization ({@code
 * Library/custom/PRODUCT/REPO} or {@code ENV/CV/REPO}).
 */
@ApplicationScoped
public class VcspTree {
    /**
     * Receives one item's item.json: its path below the library ({@code FOLDER/item.json} for an OVF item,
     * {@code FILE.item.json} for a single file, {@code item.json} for an OVF folder at the top).
     */
    @FunctionalInterface
    public interface ItemSink {
        void accept(String path, byte[] document) throws IOException;
    }

    @Inject
    VcspDocuments documents;
    @Inject
    ItemRows rows;

    public void lib(String org, String path, PublishedRepository repo, OutputStream out) throws IOException {
        documents.lib(new Library(org, path, repo), out);
    }

    public void items(String org, String path, PublishedRepository repo, OutputStream out) throws IOException {
        documents.items(new Library(org, path, repo), out);
    }

    /** Every item's item.json in item order; only one item is held at a time. */
    /** The item an item.json path names, or null when the path is no item.json. */
    public static String itemKey(String path) {
        return VcspResource.itemKey(path);
    }

    /** Whether {@code folder} holds an .ovf directly, so that its item.json is generated (not the repository's file). */
    public boolean ovfFolder(PublishedRepository repo, String folder) throws IOException {
        return documents.hasItem(new Library("", "", repo), folder);
    }

    public void eachItem(String org, String path, PublishedRepository repo, ItemSink sink) throws IOException {
        Library lib = new Library(org, path, repo);
        Splitter s = new Splitter(lib, sink);
        rows.all(repo.repositoryId(), repo.version(), s);
        s.flush();
    }

    /** Starts a new document whenever the item changes. */
    private final class Splitter implements ItemRows.Consumer {
        private final Library lib;
        private final ItemSink sink;
        private final java.util.UUID libraryId;
        private final String created;
        private String key;
        private boolean ovf;
        private ByteArrayOutputStream buffer;
        private JsonGenerator g;
        private ItemWriter writer;

        Splitter(Library lib, ItemSink sink) {
            this.lib = lib;
            this.sink = sink;
            this.libraryId = documents.libraryId(lib);
            this.created = VcspDocuments.CREATED.format(rows.created(lib.repo().repositoryId()));
        }

        @Override
        public void accept(ItemRows.Row row) throws IOException {
            if (!row.item().equals(key)) {
                flush();
                key = row.item();
                ovf = row.ovf();
                buffer = new ByteArrayOutputStream();
                g = documents.generator(buffer);
                writer = new ItemWriter(g, libraryId, created, lib.repo().label());
            }
            writer.accept(row);
        }

        void flush() throws IOException {
            if (writer == null) {
                return;
            }
            writer.finish();
            g.close();
            if (writer.written() > 0) {
                sink.accept(ItemWriter.documentPath(key, ovf), buffer.toByteArray());
            }
            writer = null;
        }
    }
}
