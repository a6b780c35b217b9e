package io.ferry.delta;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/** Writes a delta file from its recipe and the blob: the recipe's records, each literal one followed by its bytes from the blob. */
public final class DeltaStream {
    private DeltaStream() {
    }

    /** Writes the delta of {@code blob} planned in {@code recipe} to {@code out}; {@code progress} gets the bytes written. */
    public static long write(Path recipe, Path blob, OutputStream out, LongConsumer progress) throws IOException {
        byte[] buf = new byte[Chunker.MAX];
        long written = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(recipe), 1 << 16));
             FileChannel ch = FileChannel.open(blob, StandardOpenOption.READ)) {
            byte[] head = in.readNBytes(DeltaFormat.HEADER);
            ByteBuffer h = ByteBuffer.wrap(head);
            int bases = h.getInt(20);
            int records = h.getInt(24);
            out.write(head);
            byte[] table = in.readNBytes(DeltaFormat.BASE * bases);
            out.write(table);
            written += head.length + table.length;
            long offset = 0;
            byte[] rec = new byte[DeltaFormat.COPY_RECORD];
            for (int i = 0; i < records; i++) {
                in.readFully(rec, 0, DeltaFormat.LITERAL_RECORD);
                int len = ByteBuffer.wrap(rec, 33, 4).getInt();
                if (rec[0] == DeltaFormat.COPY) {
                    in.readFully(rec, DeltaFormat.LITERAL_RECORD, DeltaFormat.COPY_RECORD - DeltaFormat.LITERAL_RECORD);
                    out.write(rec, 0, DeltaFormat.COPY_RECORD);
                    written += DeltaFormat.COPY_RECORD;
                } else {
                    out.write(rec, 0, DeltaFormat.LITERAL_RECORD);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                    long pos = offset;
                    while (bb.hasRemaining()) {
                        int n = ch.read(bb, pos);
                        if (n < 0) {
                            throw new IOException(blob + " ended early");
                        }
                        pos += n;
                    }
                    out.write(buf, 0, len);
                    written += DeltaFormat.LITERAL_RECORD + len;
                }
                offset += len;
                progress.accept(DeltaFormat.LITERAL_RECORD + (rec[0] == DeltaFormat.COPY ? 12 : len));
            }
            byte[] end = in.readNBytes(DeltaFormat.TRAILER);
            out.write(end);
            written += end.length;
        }
        return written;
    }
}
