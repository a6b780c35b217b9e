package io.ferry.imports.bundle;

import io.ferry.common.ErrorCode;
import io.ferry.common.FerryException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Watches a manifest's bytes as they are copied or hashed, before anything parses them, and refuses at
 * the first byte that cannot belong to a Ferry manifest: so gigabytes of zeros, a run of whitespace, a
 * string far past the parser's limit or nesting past its depth cost one buffer, not a copy of the whole
 * entry. It checks the opening ({@code {"format":"ferry-export","formatVersion":N}), JSON's byte-level
 * grammar (structure, string and literal bytes, nesting) and bounded runs; the full parser does the rest.
 */
final class ManifestGuard extends FilterOutputStream {
    /** Bytes a string may take: the parser's 1 Mi characters, each at most a 6-byte escape. */
    static final long MAX_STRING_BYTES = 6L << 20;
    static final int MAX_WHITESPACE_RUN = 64 * 1024;
    static final int MAX_LITERAL_RUN = 64;
    static final int MAX_DEPTH = 32;
    private static final int OPENING = 256;
    private static final Pattern START = Pattern.compile(
            "\\s*\\{\\s*\"format\"\\s*:\\s*\"ferry-export\"\\s*,\\s*\"formatVersion\"\\s*:\\s*-?[0-9]+[\\s\\S]*");

    private final String volume;
    private final byte[] opening = new byte[OPENING];
    private int openingLength;
    private boolean openingChecked;
    private long offset;
    private boolean inString;
    private boolean escape;
    private long run;
    private int whitespace;
    private int depth;
    private boolean ended;

    ManifestGuard(OutputStream out, String volume) {
        super(out);
        this.volume = volume;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            accept(b[i] & 0xff);
        }
        out.write(b, off, len);
    }

    private void accept(int c) {
        if (openingLength < OPENING) {
            opening[openingLength++] = (byte) c;
            if (openingLength == OPENING) {
                checkOpening();
            }
        }
        offset++;
        if (inString) {
            if (++run > MAX_STRING_BYTES) {
                throw limit("a string longer than " + MAX_STRING_BYTES + " bytes");
            }
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                inString = false;
                run = 0;
            } else if (c < 0x20) {
                throw invalid("a raw control byte 0x" + Integer.toHexString(c) + " inside a string");
            }
            return;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            run = 0;
            if (++whitespace > MAX_WHITESPACE_RUN) {
                throw limit("more than " + MAX_WHITESPACE_RUN + " bytes of whitespace in a row");
            }
            return;
        }
        whitespace = 0;
        if (ended) {
            throw invalid("data after the manifest object");
        }
        if (c == '"') {
            inString = true;
            run = 0;
        } else if (c == '{' || c == '[') {
            if (++depth > MAX_DEPTH) {
                throw limit("objects or arrays nested deeper than " + MAX_DEPTH);
            }
            run = 0;
        } else if (c == '}' || c == ']') {
            if (--depth < 0) {
                throw invalid("a '" + (char) c + "' that closes nothing");
            }
            ended = depth == 0;
            run = 0;
        } else if (c == ',' || c == ':') {
            run = 0;
        } else if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-' || c == '+' || c == '.' || c == 'E') {
            if (depth == 0) {
                throw invalid("it does not start with a JSON object");
            }
            if (++run > MAX_LITERAL_RUN) {
                throw limit("a number or literal longer than " + MAX_LITERAL_RUN + " bytes");
            }
        } else {
            throw invalid("the byte 0x" + Integer.toHexString(c) + ", which cannot stand there in JSON");
        }
        if (depth == 0 && !ended) {
            throw invalid("it does not start with a JSON object");
        }
    }

    private void checkOpening() {
        openingChecked = true;
        String head = new String(opening, 0, openingLength, StandardCharsets.ISO_8859_1);
        if (!START.matcher(head).matches()) {
            throw invalid("it does not open with {\"format\":\"ferry-export\",\"formatVersion\":…}");
        }
    }

    /** Checks what could not be checked while bytes arrived (a manifest shorter than the opening window). */
    void finish() {
        if (!openingChecked) {
            checkOpening();
        }
        if (!ended) {
            throw invalid("it ends before its top-level object is closed");
        }
    }

    private FerryException invalid(String what) {
        return new FerryException(ErrorCode.IMPORT_MANIFEST_INVALID, "The manifest in " + volume + " is unusable: " + what
                + " (at byte " + offset + "). Nothing was copied beyond that point and the bundle was not imported; it is damaged "
                + "or was not written by Ferry: copy it again from the source server.", "path");
    }

    private FerryException limit(String what) {
        return new FerryException(ErrorCode.IMPORT_LIMIT_EXCEEDED, "The manifest in " + volume + " has " + what + " (at byte "
                + offset + "); Ferry never writes such a manifest. It was refused before being copied further and the bundle "
                + "was not imported.", "path");
    }
}
