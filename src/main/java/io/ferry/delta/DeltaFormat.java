package io.ferry.delta;

import java.nio.charset.StandardCharsets;

/**
 * The delta file of a bundle ({@code deltas/<sha256>}, documented in docs/export-format.md): a blob written as the
 * list of its chunks, each either copied from a base blob the importer holds or carried literally.
 *
 * <pre>
 * header   "FERRYDLT" (8) | version int (4) | blob size long (8) | bases int (4) | records int (4)
 * bases    SHA-256 (32) each, ascending
 * records  kind byte (1) | chunk SHA-256 (32) | length int (4) | COPY: base int (4), offset long (8)
 *                                                            | LITERAL: length bytes
 * trailer  "DLTEND!!" (8)
 * </pre>
 *
 * A recipe (what the exporter plans) is the same file without the literal bytes.
 */
public final class DeltaFormat {
    public static final byte[] MAGIC = "FERRYDLT".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] END = "DLTEND!!".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int HEADER = 28;
    public static final int BASE = 32;
    public static final int COPY_RECORD = 49;
    public static final int LITERAL_RECORD = 37;
    public static final int TRAILER = 8;
    public static final byte COPY = 1;
    public static final byte LITERAL = 2;
    /** At most this many base blobs per delta. */
    public static final int MAX_BASES = 256;

    private DeltaFormat() {
    }

    /** The most records a blob of {@code blobSize} bytes can have: every chunk but the last is at least {@link Chunker#MIN}. */
    public static long maxRecords(long blobSize) {
        return blobSize / Chunker.MIN + 1;
    }

    /** The delta's size: header, bases, records, literal bytes and trailer. */
    public static long size(int bases, long copies, long literals, long literalBytes) {
        return HEADER + (long) BASE * bases + COPY_RECORD * copies + LITERAL_RECORD * literals + literalBytes + TRAILER;
    }
}
