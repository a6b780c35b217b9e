package io.ferry.imports.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.common.value.Text;
import io.ferry.content.type.ContentType;
import io.ferry.content.type.UnitDraft;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A bundle's manifest, read as a stream (never as a tree): {@link #scan} checks the whole document once
 * (format version first, every limit, blob order and part layout) and builds the {@link BundleIndex};
 * {@link #forEachRepository} and {@link #forEachUnit} stream it again. Memory holds the header, one
 * small object per repository and per volume, never the units or blobs.
 */
public final class Manifest implements Closeable {
    public static final String FORMAT = "ferry-export";
    /** The newest manifest version this server reads (2: blobs may be carried as deltas); it reads every earlier one too. */
    public static final int FORMAT_VERSION = 2;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20)
                    .maxNumberLength(40).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** One repository of the manifest, without its units; {@code index} is its place in {@code repositories[]}. */
    public record Repo(int index, String productLabel, String productName, String productDescription, String label, String name,
                       String description, String contentType, int version, long unitCount, long totalSize) {
        public String path() {
            return productLabel + "/" + label;
        }
    }

    @FunctionalInterface
    public interface RepoVisitor {
        void visit(Repo repo, Iterator<UnitDraft> units) throws IOException;
    }

    @FunctionalInterface
    public interface UnitVisitor {
        void visit(Repo repo, UnitDraft unit) throws IOException;
    }

    private final Path file;
    private final String sha256;
    private final ManifestHeader header;
    private final List<Repo> repositories;
    private final long units;
    private final long carriedBytes;
    private final long largestBlob;
    private final long[] entriesPerVolume;
    private final String[] volumeNames;
    private final BundleIndex index;
    private final Function<String, ContentType> types;

    private Manifest(Path file, String sha256, ManifestHeader header, List<Repo> repositories, long units, long carriedBytes,
                     long largestBlob, long[] entriesPerVolume, String[] volumeNames, BundleIndex index,
                     Function<String, ContentType> types) {
        this.file = file;
        this.sha256 = sha256;
        this.header = header;
        this.repositories = repositories;
        this.units = units;
        this.carriedBytes = carriedBytes;
        this.largestBlob = largestBlob;
        this.entriesPerVolume = entriesPerVolume;
        this.volumeNames = volumeNames;
        this.index = index;
        this.types = types;
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public ManifestHeader header() {
        return header;
    }

    public List<Repo> repositories() {
        return repositories;
    }

    public long units() {
        return units;
    }

    public long blobs() {
        return index.blobCount();
    }

    public long carriedBytes() {
        return carriedBytes;
    }

    public long largestBlob() {
        return largestBlob;
    }

    public int volumes() {
        return volumeNames.length;
    }

    /** Blob and part entries the manifest places in volume {@code n} (1-based). */
    public long entriesIn(int n) {
        return entriesPerVolume[n - 1];
    }

    /** The volume's file name as exported ({@code null} for a {@code dir} bundle). */
    public String volumeName(int n) {
        return volumeNames[n - 1];
    }

    public BundleIndex index() {
        return index;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }

    /**
     * Checks the whole manifest once and indexes its blobs; {@code volumes} is the count the volume markers give,
     * {@code types} the content types this server knows (null for an unknown one).
     */
    public static Manifest scan(Path file, String sha256, int volumes, Limits limits, Path workDir,
                                Function<String, ContentType> types) {
        try (JsonParser p = JSON.createParser(file.toFile()); BundleIndex.Builder ix = new BundleIndex.Builder(workDir);
             UniqueKeys paths = new UniqueKeys(workDir)) {
            ManifestScan s = new ManifestScan(p, types, volumes, limits, ix, paths);
            s.document();
            long[] twice = paths.duplicates();
            BundleIndex index = ix.build();
            Manifest m = new Manifest(file, sha256, s.header, s.repos, s.units, s.carriedBytes, s.largest, s.entries, s.names,
                    index, types);
            try {
                m.requireUniquePaths(paths, twice);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
            return m;
        } catch (FerryException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "The manifest breaks a parser limit: " + e.getOriginalMessage()
                    + where(e) + ". Ferry never writes such a manifest; the bundle was not imported.", "path");
        } catch (JsonProcessingException e) {
            throw invalid("it is not valid JSON: " + e.getOriginalMessage() + where(e));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the manifest copy " + file + ": " + e.getMessage(), e);
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription();
    }

    /** Confirms candidate duplicate keys against the real paths (one more pass, only when there are candidates). */
    private void requireUniquePaths(UniqueKeys keys, long[] candidates) throws IOException {
        if (candidates.length == 0) {
            return;
        }
        Map<Long, String> first = new HashMap<>();
        forEachUnit((repo, u) -> {
            long k = keys.key(repo.index(), u.relativePath());
            if (Arrays.binarySearch(candidates, k) >= 0) {
                String seen = first.putIfAbsent(k, u.relativePath());
                if (seen != null && seen.equals(u.relativePath())) {
                    throw BundleValues.refused("repositories[" + repo.index() + "].units", "repository '" + repo.path()
                            + "' lists the unit path '" + Text.printable(u.relativePath()) + "' more than once; a repository "
                            + "version holds one unit per path.");
                }
            }
        });
    }

    /** Streams every repository with its units, in manifest order. */
    public void forEachRepository(RepoVisitor visitor) throws IOException {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            ManifestCursor c = new ManifestCursor(p, types);
            c.toField("repositories");
            expect(p.nextToken(), JsonToken.START_ARRAY, "repositories");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Repo r = c.repoHeader();
                UnitIterator it = new UnitIterator(c, r);
                visitor.visit(r, it);
                while (it.hasNext()) {
                    it.next();
                }
                c.finishObject();
            }
        }
    }

    /** Streams every unit with its repository. */
    public void forEachUnit(UnitVisitor visitor) throws IOException {
        forEachRepository((repo, units) -> {
            while (units.hasNext()) {
                visitor.visit(repo, units.next());
            }
        });
    }

    static FerryException invalid(String why) {
        return new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "The manifest is unusable: " + why + ". The bundle was not "
                + "imported; it is damaged or was not written by Ferry: copy it again from the source server.", "path");
    }

    static void expect(JsonToken actual, JsonToken wanted, String where) {
        if (actual != wanted) {
            throw invalid("'" + where + "' should be " + describe(wanted) + " but is " + describe(actual));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "missing (the document ends)";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name().toLowerCase() : "'" + t.asString() + "'";
        };
    }

    /** A repository's units, read lazily from the cursor. */
    private static final class UnitIterator implements Iterator<UnitDraft> {
        private final ManifestCursor c;
        private final Repo repo;
        private UnitDraft next;
        private boolean done;

        UnitIterator(ManifestCursor c, Repo repo) {
            this.c = c;
            this.repo = repo;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = c.unit(repo, Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new FerryException(ErrorCode.STORAGE_IO, "Cannot read the manifest copy: " + e.getMessage(), e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public UnitDraft next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            UnitDraft u = next;
            next = null;
            return u;
        }
    }
}
