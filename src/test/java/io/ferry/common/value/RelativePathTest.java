package io.ferry.common.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "isos/alma-9.4.iso", "templates/web/web.ovf", "with space/and,comma.iso", "ünïcode/ファイル.iso",
            "..hidden/..x", "a.../b", "tab\there", "emoji/\ud83d\ude00.iso"})
    void acceptsOrdinaryPaths(String path) {
        assertThat(RelativePath.problem(path)).isNull();
        assertThat(new RelativePath(path).value()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "../x", "a/../b", "a/./b", ".", "a//b", "a/", "a\\b", "a\u0000b", "a\nb", "a\u007fb",
            "a\u001b[31mred", "a\u009bb", "evil\u202Eosi.exe", "a\u2066b"})
    void refusesEscapingOrMalformedPaths(String path) {
        assertThat(RelativePath.problem(path)).isNotNull();
        assertThatThrownBy(() -> RelativePath.of(path, "relativePath")).isInstanceOf(FerryException.class)
                .extracting(e -> ((FerryException) e).errorCode().code()).isEqualTo("FERRY-CONTENT-001");
    }

    @Test
    void refusesOverlongPathsAndSegmentsAndUnpairedSurrogates() {
        assertThat(RelativePath.problem("a/".repeat(600) + "b")).contains("1024");
        assertThat(RelativePath.problem("x".repeat(256))).contains("255");
        assertThat(RelativePath.problem("é".repeat(128))).contains("255");
        assertThat(RelativePath.problem("a\ud800b")).contains("Unicode");
    }

    @Test
    void theMessageShowsTheValueEscapedAndNamesTheField() {
        FerryException e = (FerryException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RelativePath.of("x\u001b]0;owned\u0007/y", "units[3].relativePath"));
        assertThat(e.getMessage()).contains("x\\x1b]0;owned\\x07/y").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(e.field()).isEqualTo("units[3].relativePath");
    }
}
