package io.harbormaster.core.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The bearer token that proves a caller may read {@code api.token}, i.e. is this user. */
final class ApiToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** 256 random bits, base64url without padding. */
    static ApiToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    static ApiToken read(Path file) throws IOException {
        return new ApiToken(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    void writeTo(Path file) throws IOException {
        PrivateFiles.writePrivate(file, value.getBytes(StandardCharsets.US_ASCII));
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    /** Constant-time, so response timing does not reveal how much of a guess was right. */
    boolean matchesHeader(String authorization) {
        String scheme = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                authorization.substring(scheme.length()).strip().getBytes(StandardCharsets.US_ASCII));
    }
}
