package io.ferry.imports;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import io.ferry.imports.bundle.BundleEntries;
import io.ferry.imports.bundle.BundleIndex;
import io.ferry.imports.bundle.Manifest;
import io.ferry.imports.bundle.Volume;
import io.ferry.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Checks every entry of a volume against the manifest's index and streams blobs into the store, hashing
 * them on the way: a blob is renamed into place only when its SHA-256 matches, so the store never holds
 * anything unverified. Whole blobs go through one {@link io.ferry.storage.BlobBatch}: no fsync per blob, one
 * {@code syncfs} per few thousand, and all of them durable in place when {@link #flush} returns. Parts of split blobs are written at their offsets into one assembly file per blob
 * (each part checked against its own SHA-256) and the whole is checked again before it is placed.
 * Blobs already stored are passed over without reading where the volume allows it (ISO, directory),
 * which is what makes a re-run after a crash cheap. Temporary space: the blob being written, plus
 * the assembly files of split blobs whose parts are spread over volumes not yet read.
 */
final class BlobIngest implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    interface Progress {
        void bytes(long n);

        void checkCanceled();
    }

    private final Manifest manifest;
    private final BlobStore store;
    private final io.ferry.storage.BlobBatch batch;
    private final Progress progress;
    private final Map<String, Assembly> assemblies = new HashMap<>();
    private final byte[] buf = new byte[BUFFER];
    long blobsStored;
    long bytesStored;
    long blobsPresent;

    private static final class Assembly {
        final Path file;
        final FileChannel ch;
        final BitSet done = new BitSet();
        final int parts;

        Assembly(Path file, int parts) throws IOException {
            this.file = file;
            this.ch = FileChannel.open(file, StandardOpenOption.WRITE);
            this.parts = parts;
        }
    }

    BlobIngest(Manifest manifest, BlobStore store, Progress progress) {
        this.manifest = manifest;
        this.store = store;
        this.batch = store.batch();
        this.progress = progress;
    }

    /** Makes every blob stored so far durable and places it; the import calls it before its transaction. */
    void flush() {
        batch.flush();
    }

    /** Reads volume {@code number}: every entry checked, every missing blob stored. */
    void ingest(int number, Volume volume) throws IOException {
        String where = volume.describe();
        BundleEntries.Ref[] last = {null};
        long[] count = {0};
        boolean[] signatureSeen = {false};
        volume.entries(e -> {
            progress.checkCanceled();
            BundleEntries.requireSafeName(e.name(), where);
            BundleEntries.requireFile(e, where);
            if (e.name().equals(BundleEntries.SIGNATURE)) {
                if (signatureSeen[0] || e.size() > io.ferry.trust.Signatures.MAX_BYTES) {
                    throw unexpected(e.name(), where, "it is a second or oversized signature entry");
                }
                signatureSeen[0] = true; // the marker carries the same signature; this copy is for openssl
                return;
            }
            BundleEntries.Ref ref = BundleEntries.parse(e.name());
            if (ref == null) {
                throw unexpected(e.name(), where, "it is not a blob or part of a Ferry bundle");
            }
            if (volume.ordered() && last[0] != null && ref.compareTo(last[0]) <= 0) {
                throw unexpected(e.name(), where, "it is a duplicate or out of bundle order");
            }
            last[0] = ref;
            count[0]++;
            try (InputStream body = e.body()) {
                if (ref.part() == 0) {
                    blob(ref.sha256(), number, e, body, where, volume.seekable());
                } else if (ref.part() == BundleEntries.DELTA_PART) {
                    delta(ref.sha256(), number, e, body, where);
                } else {
                    part(ref, number, e, body, where, volume.seekable());
                }
            }
        });
        if (count[0] != manifest.entriesIn(number)) {
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Volume " + where + " holds " + count[0] + " of the "
                    + manifest.entriesIn(number) + " blobs and parts the manifest places in it: it is incomplete or truncated. "
                    + "Copy it again from the source.", "path");
        }
    }

    private void blob(String sha, int number, Volume.Entry e, InputStream body, String where, boolean seekable) throws IOException {
        BundleIndex.Blob b = manifest.index().blob(sha);
        if (b == null || b.split()) {
            throw unexpected(e.name(), where, b == null ? "the manifest does not list that blob" : "the manifest lists it as split");
        }
        if (b.volume() != number) {
            throw unexpected(e.name(), where, "the manifest places it in volume " + b.volume() + ", not " + number);
        }
        if (e.size() != b.size()) {
            throw unexpected(e.name(), where, "it has " + e.size() + " bytes, the manifest says " + b.size());
        }
        if (batch.has(sha)) {
            blobsPresent++;
            if (!seekable) {
                String actual = hashOnly(body, e.size());
                requireDigest(actual, sha, e.name(), where);
            }
            progress.bytes(b.size());
            return;
        }
        if (b.size() <= buf.length) { // small: verified in memory, written once under its name
            int n = (int) b.size();
            readFully(body, n, e.name(), where);
            MessageDigest md = BlobStore.sha256();
            md.update(buf, 0, n);
            requireDigest(HexFormat.of().formatHex(md.digest()), sha, e.name(), where);
            batch.putVerified(sha, buf, n);
            blobsStored++;
            bytesStored += n;
            return;
        }
        Path temp = batch.newFile();
        io.ferry.storage.BlobDigest md = store.digest(b.size());
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                copy(body, out, md::update, e.size(), e.name(), where);
            } catch (IOException ex) {
                throw store.ioProblem("store blob " + sha, ex);
            }
            requireDigest(md.hex(), sha, e.name(), where);
            batch.adoptHashed(temp, sha, sha); // durable with the batch, before the import's transaction
            temp = null;
            md.commit();
            md = null;
            blobsStored++;
            bytesStored += b.size();
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            if (md != null) {
                md.abandon();
            }
        }
    }

    /**
     * A blob carried as its delta: rebuilt from the chunks of base blobs held here and the chunks the entry carries,
     * each chunk checked, then the whole blob's SHA-256, before it is stored like any other.
     */
    private void delta(String sha, int number, Volume.Entry e, InputStream body, String where) throws IOException {
        BundleIndex.Blob b = manifest.index().blob(sha);
        if (b == null || !b.delta()) {
            throw unexpected(e.name(), where, b == null ? "the manifest does not list that blob" : "the manifest does not list it as a delta");
        }
        if (b.volume() != number) {
            throw unexpected(e.name(), where, "the manifest places it in volume " + b.volume() + ", not " + number);
        }
        if (e.size() != b.deltaSize()) {
            throw unexpected(e.name(), where, "it has " + e.size() + " bytes, the manifest says " + b.deltaSize());
        }
        if (batch.has(sha)) {
            blobsPresent++;
            progress.bytes(b.deltaSize());
            return;
        }
        DeltaIngest.rebuild(manifest, store, batch, sha, b.size(), e, body, where, progress::bytes);
        blobsStored++;
        bytesStored += b.size();
    }

    private void part(BundleEntries.Ref ref, int number, Volume.Entry e, InputStream body, String where, boolean seekable)
            throws IOException {
        BundleIndex.Part p = manifest.index().part(ref.sha256(), ref.part());
        if (p == null) {
            throw unexpected(e.name(), where, "the manifest does not list that part");
        }
        if (p.volume() != number) {
            throw unexpected(e.name(), where, "the manifest places it in volume " + p.volume() + ", not " + number);
        }
        if (e.size() != p.size()) {
            throw unexpected(e.name(), where, "it has " + e.size() + " bytes, the manifest says " + p.size());
        }
        if (batch.has(ref.sha256())) {
            if (!seekable) {
                requireDigest(hashOnly(body, e.size()), p.partSha256(), e.name(), where);
            }
            progress.bytes(p.size());
            return;
        }
        Assembly a = assemblies.get(ref.sha256());
        if (a == null) {
            BundleIndex.Blob b = manifest.index().blob(ref.sha256());
            Path file = store.assemblyFile(ref.sha256());
            Files.deleteIfExists(file);
            Files.createFile(file);
            a = new Assembly(file, b.parts());
            assemblies.put(ref.sha256(), a);
        }
        MessageDigest md = BlobStore.sha256();
        try {
            a.ch.position(p.offset());
            copy(body, a.ch, md::update, e.size(), e.name(), where);
        } catch (IOException ex) {
            throw store.ioProblem("assemble blob " + ref.sha256(), ex);
        }
        requireDigest(HexFormat.of().formatHex(md.digest()), p.partSha256(), e.name(), where);
        a.done.set(ref.part());
        if (a.done.cardinality() == a.parts) {
            a.ch.force(true);
            a.ch.close();
            assemblies.remove(ref.sha256());
            try {
                store.adopt(a.file, ref.sha256());
            } catch (FerryException ex) {
                Files.deleteIfExists(a.file);
                if (ex.errorCode() != ErrorCode.BLOB_DIGEST_MISMATCH) {
                    throw ex;
                }
                throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, "Blob " + ref.sha256() + " reassembled from its "
                        + a.parts + " parts does not hash to its name; nothing of it was stored.", "path");
            }
            blobsStored++;
            bytesStored += manifest.index().blob(ref.sha256()).size();
        }
    }

    /** What the copied bytes pass through as they go: a digest, or a blob digest with its chunk index. */
    private interface Hashing {
        void update(byte[] b, int off, int n);
    }

    private void copy(InputStream in, FileChannel out, Hashing md, long size, String name, String where) throws IOException {
        long left = size;
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (left > 0) {
            int n = read(in, left, name, where);
            if (n < 0) {
                throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Entry '" + name + "' of " + where + " ends early: the volume is "
                        + "truncated. Copy it again from the source.", "path");
            }
            md.update(buf, 0, n);
            bb.clear().limit(n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            left -= n;
            progress.bytes(n);
        }
    }

    /** Reads {@code size} bytes of an entry into the buffer (reporting them as progress); an early end is a truncated volume. */
    private void readFully(InputStream in, int size, String name, String where) {
        int off = 0;
        while (off < size) {
            int n;
            try {
                n = in.read(buf, off, size - off);
            } catch (IOException e) {
                throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Entry '" + name + "' of " + where + " cannot be read: "
                        + e.getMessage() + ". Copy the volume again from the source.", e);
            }
            if (n < 0) {
                throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Entry '" + name + "' of " + where + " ends early: the volume is "
                        + "truncated. Copy it again from the source.", "path");
            }
            off += n;
            progress.bytes(n);
        }
    }

    /** Reads from the volume: a read error is a damaged volume, not a problem of the store. */
    private int read(InputStream in, long left, String name, String where) {
        try {
            return in.read(buf, 0, (int) Math.min(buf.length, left));
        } catch (IOException e) {
            throw new FerryException(ErrorCode.IMPORT_CORRUPT, "Entry '" + name + "' of " + where + " cannot be read: "
                    + e.getMessage() + ". Copy the volume again from the source.", e);
        }
    }

    private String hashOnly(InputStream in, long size) throws IOException {
        MessageDigest md = BlobStore.sha256();
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void requireDigest(String actual, String expected, String name, String where) {
        if (!actual.equals(expected)) {
            throw new FerryException(ErrorCode.IMPORT_CHECKSUM_MISMATCH, "Entry '" + name + "' of " + where + " hashes to " + actual
                    + " but the manifest says " + expected + unitsOf(name) + ": it was damaged or altered. Nothing of it was "
                    + "stored and nothing was imported; copy the volume again from the source.", "path");
        }
    }

    /** On a mismatch only: which unit paths the blob is (one more manifest pass). */
    private String unitsOf(String entryName) {
        BundleEntries.Ref ref = BundleEntries.parse(entryName);
        if (ref == null) {
            return "";
        }
        StringBuilder found = new StringBuilder();
        try {
            manifest.forEachUnit((repo, u) -> {
                if (u.sha256().equals(ref.sha256()) && found.length() < 300) {
                    found.append(found.length() == 0 ? "" : ", ").append('\'').append(u.relativePath()).append("' in ")
                            .append(repo.path());
                }
            });
        } catch (IOException | RuntimeException ignored) {
            return "";
        }
        return found.length() == 0 ? "" : " (unit " + found + ")";
    }

    private static FerryException unexpected(String name, String where, String why) {
        return new FerryException(ErrorCode.IMPORT_UNSAFE_ENTRY, "Entry '" + name + "' of " + where + " does not belong: " + why
                + ". The bundle was not imported.", "path");
    }

    /** Removes assembly files of split blobs left incomplete (a failed or canceled import). */
    @Override
    public void close() {
        for (Assembly a : assemblies.values()) {
            try {
                a.ch.close();
                Files.deleteIfExists(a.file);
            } catch (IOException ignored) {
                // the store's temp cleanup removes it later
            }
        }
        assemblies.clear();
        try {
            batch.flush(); // verified blobs of a failed or canceled import stay, so a re-run does not read them again
        } catch (RuntimeException ignored) {
            // e.g. a full disk: what is not placed is read again by the next run
        } finally {
            batch.close();
        }
    }
}
