package io.ferry.content.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.common.FerryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "isos/alma-9.4.iso", "templates/web/web.ovf", "with space/and,comma.iso", "ünïcode/ファイル.iso",
            "..hidden/..x", "a.../b"})
    void acceptsOrdinaryPaths(String path) {
        assertThat(RelativePaths.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "../x", "a/../b", "a/./b", ".", "a//b", "a/", "a\\b", "a\u0000b", "a\nb", "a\u007fb"})
    void refusesEscapingOrMalformedPaths(String path) {
        assertThat(RelativePaths.problem(path)).isNotNull();
        assertThatThrownBy(() -> RelativePaths.require(path, "relativePath")).isInstanceOf(FerryException.class)
                .extracting(e -> ((FerryException) e).errorCode().code()).isEqualTo("FERRY-CONTENT-001");
    }

    @Test
    void refusesOverlongPathsAndSegmentsAndUnpairedSurrogates() {
        assertThat(RelativePaths.problem("a/".repeat(600) + "b")).contains("1024");
        assertThat(RelativePaths.problem("x".repeat(256))).contains("255");
        assertThat(RelativePaths.problem("é".repeat(128))).contains("255");
        assertThat(RelativePaths.problem("a\ud800b")).contains("Unicode");
    }
}
