package io.ferry.receipt;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The receipt's bytes as they arrive: counted against the limit (refused beyond it) and hashed. */
final class LimitedInput extends FilterInputStream {
    private final long max;
    private final MessageDigest digest = io.ferry.storage.BlobStore.sha256();
    private long count;

    LimitedInput(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            if (count > max) {
                throw new FerryException(ErrorCode.RECEIPT_TOO_LARGE, "The receipt is larger than " + max + " bytes (setting "
                        + "ferry.receipt.max-bytes); nothing was stored.");
            }
            digest.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 1), 8192)]));
    }

    /** Reads what is left (a signature's trailer) so the digest covers the whole file. */
    String drainAndHash() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // counted and hashed
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
