package io.ferry.content.type;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The {@code PULP_MANIFEST} format of file repositories: lines {@code relative_path,sha256,size}, exactly as
 * Pulp's file plugin writes and reads them: the path as it is (no quoting, commas and quotes included), and a
 * line split at its last two commas (Pulp's {@code line.rsplit(",", 2)}). Read line by line with a bound on
 * line length, so a hostile manifest cannot exhaust memory.
 */
public final class PulpManifest {
    public static final String NAME = "PULP_MANIFEST";
    static final int MAX_LINE = 4 * 1024;

    private PulpManifest() {
    }

    public static void writeLine(Writer out, UnitRow u) throws IOException {
        out.write(u.relativePath());
        out.write(',');
        out.write(u.sha256());
        out.write(',');
        out.write(Long.toString(u.size()));
        out.write('\n');
    }

    /** Lazily parses a manifest; malformed lines fail with FERRY-SYNC-003 naming the line. */
    public static Iterator<UnitDraft> read(Reader in) {
        return new Iterator<>() {
            private final LineReader lines = new LineReader(in);
            private UnitDraft next;
            private long lineNo;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String line = lines.next();
                    if (line == null) {
                        return false;
                    }
                    lineNo++;
                    if (!line.isBlank()) {
                        next = parse(line, lineNo);
                    }
                }
                return true;
            }

            @Override
            public UnitDraft next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                UnitDraft d = next;
                next = null;
                return d;
            }
        };
    }

    static UnitDraft parse(String line, long lineNo) {
        List<String> f = split(line, lineNo);
        if (f.size() != 3) {
            throw invalid(lineNo, "has " + f.size() + " fields; expected relative_path,sha256,size");
        }
        String sha = f.get(1).trim().toLowerCase(Locale.ROOT);
        if (!io.ferry.common.value.Sha256.isValid(sha)) {
            throw invalid(lineNo, "has '" + f.get(1) + "' where a SHA-256 (64 hex characters) belongs");
        }
        long size;
        try {
            size = Long.parseLong(f.get(2).trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) {
            throw invalid(lineNo, "has '" + f.get(2) + "' where a size in bytes belongs");
        }
        return new UnitDraft(f.get(0), sha, size, Map.of());
    }

    /** The path (anything up to the second-last comma), the digest and the size. */
    private static List<String> split(String line, long lineNo) {
        int last = line.lastIndexOf(',');
        int middle = last <= 0 ? -1 : line.lastIndexOf(',', last - 1);
        if (middle < 0) {
            return List.of(line.split(",", -1));
        }
        return List.of(line.substring(0, middle), line.substring(middle + 1, last), line.substring(last + 1));
    }

    static FerryException invalid(long lineNo, String what) {
        return new FerryException(ErrorCode.REMOTE_MANIFEST_INVALID, "Line " + lineNo + " of the remote's " + NAME + " " + what
                + ". Fix the manifest on the remote.", "url");
    }

    /** Reads '\n'-terminated lines (a trailing '\r' dropped) of at most {@link #MAX_LINE} characters. */
    static final class LineReader {
        private final Reader in;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;
        private long lineNo;

        LineReader(Reader in) {
            this.in = in;
        }

        String next() {
            StringBuilder b = new StringBuilder();
            try {
                while (true) {
                    if (pos == len) {
                        len = in.read(buf);
                        pos = 0;
                        if (len <= 0) {
                            len = 0;
                            return b.isEmpty() ? null : finish(b);
                        }
                    }
                    char c = buf[pos++];
                    if (c == '\n') {
                        return finish(b);
                    }
                    if (b.length() >= MAX_LINE) {
                        throw invalid(lineNo + 1, "is longer than " + MAX_LINE + " characters");
                    }
                    b.append(c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String finish(StringBuilder b) {
            lineNo++;
            int n = b.length();
            return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
        }
    }
}
