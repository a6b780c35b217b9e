package io.ferry.delta;

import java.nio.charset.StandardCharsets;

/**
 * The chunk index file of one blob ({@code <data>/blobs/chunks/<aa>/<sha256>.cdx}), version 1, big-endian:
 * <pre>
 *   header   "FERRYCDX" | u32 version (1) | u32 algorithm (1 = FastCDC, gear table from SplitMix64)
 *            | u32 min | u32 avg | u32 max | u64 gear seed                              (36 bytes)
 *   entries  per chunk, in blob order: 32-byte SHA-256 | u32 length                  (36 bytes each)
 *   trailer  "CDXEND!!" | u64 chunk count | u64 blob size | 32-byte blob SHA-256
 *            | 32-byte SHA-256 of every byte before it                                 (88 bytes)
 * </pre>
 * A reader refuses a file whose trailer checksum, count or lengths do not add up, or whose parameters are not the
 * ones this server cuts with (such an index finds no shared chunk and is treated as absent).
 */
public final class ChunkFormat {
    public static final byte[] MAGIC = "FERRYCDX".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] END = "CDXEND!!".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int ALGORITHM_FASTCDC = 1;
    public static final int HEADER = 36;
    public static final int ENTRY = 36;
    public static final int TRAILER = 88;
    /** The name of the parameters, as documents and APIs show them. */
    public static final String NAME = "fastcdc-v1 (min " + Chunker.MIN + ", avg " + Chunker.AVG + ", max " + Chunker.MAX
            + ", gear seed 0x" + Long.toHexString(Chunker.SEED) + ")";

    private ChunkFormat() {
    }
}
