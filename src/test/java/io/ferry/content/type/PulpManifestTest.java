package io.ferry.content.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PulpManifestTest {
    static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void pathsAreWrittenAsTheyAreAndReadBackSplitAtTheLastTwoCommasAsPulpDoes() throws Exception {
        StringWriter w = new StringWriter();
        PulpManifest.writeLine(w, new UnitRow(1, "plain/a.iso", SHA, 0, Map.of(), 1, OffsetDateTime.now()));
        PulpManifest.writeLine(w, new UnitRow(2, "odd, \"name\".iso", SHA, 42, Map.of(), 1, OffsetDateTime.now()));
        // what Pulp's file plugin writes for the same two files (it never quotes)
        assertThat(w.toString()).isEqualTo("plain/a.iso," + SHA + ",0\nodd, \"name\".iso," + SHA + ",42\n");
        List<UnitDraft> back = read(w.toString());
        assertThat(back).extracting(UnitDraft::relativePath).containsExactly("plain/a.iso", "odd, \"name\".iso");
        assertThat(back).extracting(UnitDraft::size).containsExactly(0L, 42L);
    }

    @Test
    void acceptsCrLfBlankLinesAndUpperCaseDigests() {
        List<UnitDraft> u = read("a.iso," + SHA.toUpperCase() + ",5\r\n\r\nb.iso," + SHA + ",6");
        assertThat(u).extracting(UnitDraft::sha256).containsExactly(SHA, SHA);
    }

    @Test
    void malformedLinesFailNamingTheLine() {
        for (String bad : List.of("a.iso," + SHA + "\n", "a.iso,zz,5\n", "a.iso," + SHA + ",-1\n", "a.iso,1\n", SHA + ",1\n",
                "ok.iso," + SHA + ",1\nb," + SHA + ",x\n")) {
            assertThatThrownBy(() -> read(bad)).isInstanceOf(FerryException.class).hasMessageContaining("Line")
                    .extracting(e -> ((FerryException) e).errorCode().code()).isEqualTo("FERRY-SYNC-003");
        }
    }

    @Test
    void anEndlessLineFailsWithoutReadingItAll() {
        Reader endless = new Reader() {
            long served;

            @Override
            public int read(char[] cbuf, int off, int len) {
                java.util.Arrays.fill(cbuf, off, off + len, 'x');
                served += len;
                if (served > 1_000_000) {
                    throw new AssertionError("read far past the line limit");
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> PulpManifest.read(endless).hasNext()).isInstanceOf(FerryException.class)
                .hasMessageContaining("longer than");
    }

    static List<UnitDraft> read(String text) {
        List<UnitDraft> out = new ArrayList<>();
        Iterator<UnitDraft> it = PulpManifest.read(new StringReader(text));
        it.forEachRemaining(out::add);
        return out;
    }
}
