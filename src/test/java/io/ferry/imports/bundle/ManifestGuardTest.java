package io.ferry.imports.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ferry.common.FerryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guard refuses at the first impossible byte, so a hostile entry costs one buffer, not a copy of gigabytes. */
class ManifestGuardTest {
    /** An endless stream of one byte value after a prefix, counting what was read. */
    static final class Endless extends InputStream {
        final byte[] prefix;
        final int fill;
        long read;

        Endless(String prefix, int fill) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.fill = fill;
        }

        @Override
        public int read() {
            if (read < prefix.length) {
                return prefix[(int) read++] & 0xff;
            }
            read++;
            return fill;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    static FerryException refused(Endless in) {
        Throwable t = catchThrowable(() -> BundleEntries.copyLimited(in, new ManifestGuard(OutputStream.nullOutputStream(),
                "vol.tar.gz"), 4L << 30, "The manifest"));
        assertThat(t).isInstanceOf(FerryException.class);
        return (FerryException) t;
    }

    @Test
    void gigabytesOfZerosStopAtTheFirstBuffer() {
        Endless zeros = new Endless("", 0);
        FerryException e = refused(zeros);
        assertThat(e.errorCode().code()).isEqualTo("FERRY-IMPORT-003");
        assertThat(zeros.read).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aHugeStringStopsJustPastTheLimit() {
        Endless s = new Endless("{\"format\":\"ferry-export\",\"formatVersion\":1,\"export\":\"", 'A');
        FerryException e = refused(s);
        assertThat(e.errorCode().code()).isEqualTo("FERRY-IMPORT-010");
        assertThat(e.getMessage()).contains("string longer than");
        assertThat(s.read).isLessThan(ManifestGuard.MAX_STRING_BYTES + (1 << 17));
    }

    @Test
    void endlessWhitespaceAndNestingAndLiteralsStopEarly() {
        Endless ws = new Endless("{\"format\":\"ferry-export\",\"formatVersion\":1,", ' ');
        assertThat(refused(ws).getMessage()).contains("whitespace");
        assertThat(ws.read).isLessThan(1 << 18);
        Endless deep = new Endless("{\"format\":\"ferry-export\",\"formatVersion\":1,\"x\":", '[');
        assertThat(refused(deep).getMessage()).contains("nested deeper");
        Endless digits = new Endless("{\"format\":\"ferry-export\",\"formatVersion\":1,\"x\":", '7');
        assertThat(refused(digits).getMessage()).contains("number or literal");
    }

    @Test
    void anythingButAFerryManifestOpeningIsRefusedAtOnce() {
        Endless other = new Endless("{\"format\":\"something-else\",\"x\":\"", 'A');
        FerryException e = refused(other);
        assertThat(e.errorCode().code()).isEqualTo("FERRY-IMPORT-003");
        assertThat(other.read).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aValidManifestPassesAndTrailingDataIsRefused() throws IOException {
        byte[] m = ManifestFuzzTest.manifest();
        ManifestGuard g = new ManifestGuard(OutputStream.nullOutputStream(), "v");
        BundleEntries.copyLimited(new ByteArrayInputStream(m), g, 1 << 20, "The manifest");
        g.finish();
        Throwable t = catchThrowable(() -> BundleEntries.copyLimited(new SequenceInputStream(new ByteArrayInputStream(m),
                new ByteArrayInputStream("{}".getBytes())), new ManifestGuard(OutputStream.nullOutputStream(), "v"), 1 << 20, "m"));
        assertThat(t).isInstanceOf(FerryException.class).hasMessageContaining("after the manifest");
        ManifestGuard cut = new ManifestGuard(OutputStream.nullOutputStream(), "v");
        Throwable t2 = catchThrowable(() -> {
            BundleEntries.copyLimited(new ByteArrayInputStream(m, 0, m.length - 1), cut, 1 << 20, "m");
            cut.finish();
        });
        assertThat(t2).isInstanceOf(FerryException.class).hasMessageContaining("ends before");
    }
}
