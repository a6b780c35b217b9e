package io.ferry.storage;

import io.ferry.delta.ChunkIndexes;
import java.util.HexFormat;
import java.security.MessageDigest;

/**
 * What a blob's writer computes from the bytes as they pass, in the same pass: the SHA-256 that names the blob and,
 * for a large blob, its chunk index ({@link ChunkIndexes}). {@link #commit} after the digest was checked and the blob
 * kept; {@link #abandon} when it was refused.
 */
public final class BlobDigest {
    private final MessageDigest md = BlobStore.sha256();
    private final ChunkIndexes.Indexing index;
    private String hex;

    BlobDigest(ChunkIndexes.Indexing index) {
        this.index = index;
    }

    public void update(byte[] b, int off, int n) {
        md.update(b, off, n);
        if (index != null) {
            index.update(b, off, n);
        }
    }

    /** The SHA-256 (hex) of every byte fed. */
    public String hex() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(md.digest());
        }
        return hex;
    }

    /** The blob was kept: its chunk index (when it is large enough) is written under its name. */
    public void commit() {
        if (index != null) {
            index.commit(hex());
        }
    }

    /** The blob was refused or not written: nothing of its index stays. */
    public void abandon() {
        if (index != null) {
            index.abandon();
        }
    }
}
