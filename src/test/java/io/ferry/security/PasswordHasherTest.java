package io.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void hashesInPhcFormatWithSaltAndVerifies() {
        String a = PasswordHasher.hash("correct horse battery staple");
        String b = PasswordHasher.hash("correct horse battery staple");
        assertThat(a).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).as("random salt").isNotEqualTo(b);
        assertThat(PasswordHasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(PasswordHasher.verify("correct horse battery stapl", a)).isFalse();
        assertThat(PasswordHasher.verify("", a)).isFalse();
    }

    @Test
    void rejectsTamperedOrForeignHashes() {
        String h = PasswordHasher.hash("pw-123456789012");
        String tampered = h.substring(0, h.length() - 2) + (h.endsWith("A") ? "BB" : "AA");
        assertThat(PasswordHasher.verify("pw-123456789012", tampered)).isFalse();
        assertThat(PasswordHasher.verify("pw-123456789012", h.replace("argon2id", "argon2i"))).isFalse();
        assertThat(PasswordHasher.verify("pw-123456789012", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    }

    @Test
    void verifiesWithTheParametersStoredInTheHash() {
        String older = PasswordHasher.hash("pw-older-params", 1024, 1, 1);
        assertThat(older).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(PasswordHasher.verify("pw-older-params", older)).isTrue();
        assertThat(PasswordHasher.verify("pw-older-params", older.replace("m=1024", "m=2048"))).isFalse();
    }
}
