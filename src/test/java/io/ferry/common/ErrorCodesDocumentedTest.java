package io.ferry.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/errors.md lists every code with its status and title. */
class ErrorCodesDocumentedTest {
    @Test
    void everyCodeIsDocumentedWithItsStatusAndTitle() throws Exception {
        String doc = Files.readString(Path.of("docs", "errors.md"));
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(doc).as("docs/errors.md row for " + c)
                    .contains("| " + c.code() + " | " + c.status() + " | " + c.title() + " |");
        }
    }

    @Test
    void everyCodeIsUsedOnce() {
        java.util.Map<String, ErrorCode> seen = new java.util.HashMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            ErrorCode before = seen.put(c.code(), c);
            assertThat(before).as(c.code() + " is both " + before + " and " + c).isNull();
        }
    }
}
