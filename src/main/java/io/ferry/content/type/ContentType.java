package io.ferry.content.type;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One kind of repository content ({@code file} now, {@code yum} later): how its units are validated,
 * described and listed, which index files a published repository serves, and how a remote's index is
 * read for sync. Implementations are CDI beans found by {@link #id()} (see {@link ContentTypes}).
 */
public interface ContentType {
    String id();

    /** Checks a unit offered for a repository of this type; throws a 422 problem naming what is wrong. */
    void validate(UnitDraft unit);

    /** Type-specific fields shown with a unit in the API. */
    Map<String, Object> describe(UnitRow unit);

    /** Names of the index files served at the top of every repository of this type (e.g. PULP_MANIFEST). */
    List<String> indexFiles();

    /** Writes one index file for the units, which arrive in relative-path order and are never held together. */
    void writeIndex(String name, UnitSource units, OutputStream out) throws IOException;

    /** The index file a remote of this type publishes, relative to the remote URL. */
    String remoteIndex();

    /** Reads a remote's index lazily; each element is validated by the caller. */
    Iterator<UnitDraft> readRemoteIndex(Reader index);

    /** Streams units in relative-path order to a consumer. */
    @FunctionalInterface
    interface UnitSource {
        void forEach(UnitConsumer consumer) throws IOException;
    }

    @FunctionalInterface
    interface UnitConsumer {
        void accept(UnitRow unit) throws IOException;
    }
}
