package io.ferry.export.media;

import java.nio.charset.StandardCharsets;

/**
 * POSIX ustar headers for regular files, written by hand so entries stream straight into the
 * compressor with no intermediate block buffer. Sizes of 8 GiB and more use the base-256 encoding
 * GNU tar, bsdtar and Commons Compress read. Names are at most 100 bytes (bundle paths are short).
 */
public final class TarHeader {
    public static final int RECORD = 512;
    /** Two zero records end an archive. */
    public static final int END = 2 * RECORD;

    private TarHeader() {
    }

    /** Header plus data plus padding to the next record. */
    public static long entrySize(long dataSize) {
        return RECORD + padded(dataSize);
    }

    public static long padded(long size) {
        return (size + RECORD - 1) / RECORD * RECORD;
    }

    public static byte[] file(String name, long size, long mtimeSeconds) {
        byte[] h = new byte[RECORD];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100) {
            throw new IllegalArgumentException("tar name longer than 100 bytes: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size < 077777777777L) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, mtimeSeconds);
        h[156] = '0';
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 4);
        System.arraycopy("root".getBytes(StandardCharsets.US_ASCII), 0, h, 297, 4);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    /** Zero-padded octal in {@code width - 1} digits followed by NUL. */
    private static void octal(byte[] h, int off, int width, long value) {
        String s = Long.toOctalString(value);
        int digits = width - 1;
        if (s.length() > digits) {
            throw new IllegalArgumentException("value too large for tar field: " + value);
        }
        for (int i = 0; i < digits; i++) {
            int j = i - (digits - s.length());
            h[off + i] = (byte) (j < 0 ? '0' : s.charAt(j));
        }
        h[off + digits] = 0;
    }
}
