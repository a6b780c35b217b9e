package io.ferry.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiteralPathCharactersTest {
    @Test
    void semicolonsAndCharactersAUriCannotHoldAreEncodedAndNothingElse() {
        assertThat(LiteralPathCharacters.encode("/content/A/Library/custom/p/r/plain-file_1.iso")).isNull();
        assertThat(LiteralPathCharacters.encode("/content/A/x/semi;colon.txt")).isEqualTo("/content/A/x/semi%3Bcolon.txt");
        assertThat(LiteralPathCharacters.encode("/content/A/x/already%20encoded,(ok)")).isNull();
        assertThat(LiteralPathCharacters.encode("/vcsp/A/x/\"q\"{|}^`\\")).isEqualTo("/vcsp/A/x/%22q%22%7B%7C%7D%5E%60%5C");
        assertThat(LiteralPathCharacters.encode("/content/A/x/Å;b")).isEqualTo("/content/A/x/%C3%85%3Bb");
    }
}
