package io.ferry.content;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload body whose read failures (the client went away, the body ended before its Content-Length)
 * are reported as the client's problem, not as a storage error.
 */
public final class RequestBody extends FilterInputStream {
    private final long declared;
    private final java.util.function.Function<String, FerryException> broken;
    private long count;

    /** {@code declared}: the Content-Length, or -1 when the body is chunked. */
    RequestBody(InputStream in, long declared) {
        this(in, declared, RequestBody::broken);
    }

    /** As above, with the problem to report (given why the body broke off) for a caller other than single uploads. */
    public RequestBody(InputStream in, long declared, java.util.function.Function<String, FerryException> broken) {
        super(in);
        this.declared = declared;
        this.broken = broken;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw broken.apply(e.getMessage());
        }
        if (n > 0) {
            count += n;
        } else if (n < 0 && declared >= 0 && count < declared) {
            throw broken.apply("only " + count + " of " + declared + " bytes arrived");
        }
        return n;
    }

    private static FerryException broken(String why) {
        return new FerryException(ErrorCode.MALFORMED_REQUEST, "The upload body broke off before its end (" + why
                + "); nothing was stored. Send the file again, or use a resumable upload (POST /api/v1/uploads).", "body");
    }
}
