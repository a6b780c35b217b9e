package io.ferry.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file of a bundle: its path inside the bundle and where its bytes come from (a range of a
 * blob-store file, a generated file such as the manifest, or a blob's delta made from its recipe). Copying reports
 * progress and checks for cancelation every buffer.
 */
public record BundleEntry(String path, Path source, long offset, long size, boolean blob, Path recipe) {

    public BundleEntry(String path, Path source, long offset, long size, boolean blob) {
        this(path, source, offset, size, blob, null);
    }

    /** A blob written as its delta ({@code deltas/<sha256>}): the recipe's records with the literal chunks of {@code blob}. */
    static BundleEntry delta(String sha256, Path blob, long deltaSize, Path recipe) {
        return new BundleEntry(BundlePaths.delta(sha256), blob, 0, deltaSize, true, recipe);
    }

    /** Called with each chunk copied; throws to stop (cancelation). */
    public interface Progress {
        void copied(long bytes);

        Progress NONE = n -> { };
    }

    static final int BUFFER = 1 << 20;

    public void copyTo(OutputStream out, Progress progress) throws IOException {
        if (recipe != null) {
            long written = io.ferry.delta.DeltaStream.write(recipe, source, out, progress::copied);
            if (written != size) {
                throw new IOException("the delta of " + path + " has " + written + " bytes, " + size + " planned");
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            if (ch.size() < offset + size) {
                throw new IOException(source + " holds " + ch.size() + " bytes, fewer than the " + (offset + size) + " planned");
            }
            ch.position(offset);
            InputStream in = Channels.newInputStream(ch);
            byte[] buf = new byte[(int) Math.max(1, Math.min(BUFFER, size))]; // small units: a small buffer, no GC churn
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(source + " ended early");
                }
                out.write(buf, 0, n);
                left -= n;
                if (blob) {
                    progress.copied(n);
                }
            }
        }
    }
}
