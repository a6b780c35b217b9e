package io.ferry.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their SHA-256 fingerprints. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String TOKEN_PREFIX = "ferry_";

    private Secrets() {
    }

    public static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String randomPassword() {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
