package io.ferry.common.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ferry.common.FerryException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The domain value types: each can only be built valid, and a refusal names the field and shows the value escaped. */
class ValuesTest {
    static String code(Runnable r) {
        Throwable t = catchThrowable(r::run);
        assertThat(t).as("refused").isInstanceOf(FerryException.class);
        return ((FerryException) t).errorCode().code();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "web-1.0", "A_b.c", "1a"})
    void labelsThatAreValid(String l) {
        assertThat(new Label(l).value()).isEqualTo(l);
        assertThat(Label.isValid(l)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../..", "a/b", "a b", ".hidden", "-x", "123", "é", "a\u0000"})
    void labelsThatAreRefused(String l) {
        assertThat(Label.isValid("x".repeat(128))).isTrue();
        assertThat(Label.isValid("x".repeat(129))).isFalse();
        assertThat(code(() -> Label.of(l, "label"))).isEqualTo("FERRY-COMMON-001");
        assertThat(Label.isValid(l)).isFalse();
    }

    @Test
    void namesAreOneLineOfPrintableText() {
        assertThat(new Name("CentOS 9 Images — ünïcode").value()).startsWith("CentOS");
        for (String bad : new String[] {"", "   ", "a\nb", "a\u001b[2Jb", "a\u0085b", "x".repeat(256), "\u202Egnp.exe"}) {
            assertThat(code(() -> Name.of(bad, "name"))).as(bad).isEqualTo("FERRY-COMMON-001");
        }
        assertThat(catchThrowable(() -> Name.of(null, "product.name"))).extracting(t -> ((FerryException) t).field())
                .isEqualTo("product.name");
    }

    @Test
    void descriptionsMaySpanLinesButCarryNoOtherControls() {
        assertThat(Description.text("line one\nline two\r\n\ttabbed", "description")).contains("line two");
        assertThat(Description.text("", "description")).isNull();
        assertThat(Description.text(null, "description")).isNull();
        assertThat(code(() -> Description.text("bell\u0007", "description"))).isEqualTo("FERRY-COMMON-001");
        assertThat(code(() -> Description.text("x".repeat(4097), "description"))).isEqualTo("FERRY-COMMON-001");
    }

    @Test
    void metadataKeysAndValues() {
        assertThat(Metadata.of(Map.of("os", "rhel9", "arch", "x86_64")).entries().keySet()).containsExactly("arch", "os");
        assertThat(Metadata.parse(java.util.List.of("os=rhel9", "note=a=b")).entries()).containsEntry("note", "a=b");
        assertThat(code(() -> Metadata.of(Map.of("has space", "v")))).isEqualTo("FERRY-CONTENT-002");
        assertThat(code(() -> Metadata.of(Map.of("k", "two\nlines")))).isEqualTo("FERRY-CONTENT-002");
        assertThat(code(() -> Metadata.of(Map.of("k", "\u001b[31mred")))).isEqualTo("FERRY-CONTENT-002");
        assertThat(code(() -> Metadata.of(Map.of("k", "x".repeat(1025))))).isEqualTo("FERRY-CONTENT-002");
        assertThat(code(() -> Metadata.parse(java.util.List.of("novalue")))).isEqualTo("FERRY-CONTENT-002");
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        assertThat(code(() -> Metadata.of(many))).isEqualTo("FERRY-CONTENT-002");
    }

    @Test
    void versionNumbers() {
        assertThat(VersionNumber.parse("2")).isEqualTo(new VersionNumber(2, 0));
        assertThat(VersionNumber.parse("3.1").toString()).isEqualTo("3.1");
        for (String bad : new String[] {"0", "-1.0", "1.-1", "1.0.0", "a", "", "9999999999"}) {
            assertThat(code(() -> VersionNumber.parse(bad))).as(bad).isEqualTo("FERRY-COMMON-001");
        }
        assertThatThrownBy(() -> VersionNumber.of(-1, 0, "scope.contentView.major")).isInstanceOf(FerryException.class);
        assertThatThrownBy(() -> VersionNumber.of(1L << 40, 0, "major")).isInstanceOf(FerryException.class);
    }

    @Test
    void digestsServerNamesAndUserNames() {
        assertThat(Sha256.isValid("ab".repeat(32))).isTrue();
        assertThat(Sha256.isValid("0123456789abcdef".repeat(4))).isTrue();
        for (String bad : new String[] {"ab".repeat(31), "ab".repeat(32) + "a", "g" + "a".repeat(63), "/" + "a".repeat(63),
                ":" + "a".repeat(63), "`" + "a".repeat(63), "a".repeat(63) + "\u00e9", "a".repeat(63) + "\n", "", null}) {
            assertThat(Sha256.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(code(() -> Sha256.of("AB".repeat(32), "sha256"))).isEqualTo("FERRY-COMMON-001");
        assertThat(new ServerName("site-a (Frankfurt)").value()).isNotEmpty();
        assertThat(code(() -> new ServerName("a\nb"))).isEqualTo("FERRY-COMMON-001");
        assertThat(new Username("admin").value()).isEqualTo("admin");
        assertThat(code(() -> Username.of("Admin", "username"))).isEqualTo("FERRY-COMMON-001");
        assertThat(new Actor("admin").value()).isEqualTo("admin");
        assertThat(new Actor("downstream:dc-East.1").value()).isEqualTo("downstream:dc-East.1");
        assertThat(new Actor("upstream:alpha").value()).isEqualTo("upstream:alpha"); // an upstream that pushed
        for (String bad : new String[] {"downstream:", "downstream:../x", "Downstream:dc", "downstream:a b", "upstream:",
            "upstream:a b", "Upstream:dc", "", "a:b"}) {
            assertThat(code(() -> Actor.of(bad, "export.createdBy"))).as(bad).isEqualTo("FERRY-COMMON-001");
        }
    }

    @Test
    void printableEscapesWhatTerminalsWouldInterpretAndTruncates() {
        assertThat(Text.printable("a\u001b[2Jb\u009bc\u202Ed")).isEqualTo("a\\x1b[2Jb\\x9bc<U+202E>d");
        assertThat(Text.printable("x".repeat(500))).hasSizeLessThan(160).contains("500 characters");
        assertThat(Text.printable("ok \ud83d\ude00")).isEqualTo("ok \ud83d\ude00");
        assertThat(Text.printable("lone \ud800")).isEqualTo("lone <U+D800>");
    }
}
