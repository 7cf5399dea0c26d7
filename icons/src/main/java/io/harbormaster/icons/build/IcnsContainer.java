package io.harbormaster.icons.build;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a macOS {@code .icns}: the magic {@code icns} and the file's length, then one element per
 * image, each a four-letter type, its length (header included) and a PNG. All numbers are
 * big-endian. The type says the pixel size and whether it is a Retina ({@code @2x}) variant, so
 * one PNG can serve two types (the 64 px PNG is both 32@2x and 64).
 */
final class IcnsContainer {

    /** The PNG element types macOS reads, and the pixel size each holds. */
    static final Map<String, Integer> TYPES = types();

    private final Map<String, byte[]> pngsByType = new LinkedHashMap<>();

    private static Map<String, Integer> types() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("ic11", 32);     // 16@2x
        types.put("icp5", 32);
        types.put("ic12", 64);     // 32@2x
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic13", 256);    // 128@2x
        types.put("ic08", 256);
        types.put("ic14", 512);    // 256@2x
        types.put("ic09", 512);
        types.put("ic10", 1024);   // 512@2x
        return Collections.unmodifiableMap(types);
    }

    /** Adds {@code png} under every type that holds images of {@code size} pixels. */
    IcnsContainer add(int size, byte[] png) {
        boolean used = false;
        for (Map.Entry<String, Integer> type : TYPES.entrySet()) {
            if (type.getValue() == size) {
                pngsByType.put(type.getKey(), png);
                used = true;
            }
        }
        if (!used) {
            throw new IllegalArgumentException("No .icns type holds " + size + " px images; use one of " + TYPES.values());
        }
        return this;
    }

    byte[] toBytes() {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        for (String type : TYPES.keySet()) {
            byte[] png = pngsByType.get(type);
            if (png != null) {
                elements.writeBytes(header(type, 8 + png.length));
                elements.writeBytes(png);
            }
        }
        ByteArrayOutputStream icns = new ByteArrayOutputStream();
        icns.writeBytes(header("icns", 8 + elements.size()));
        icns.writeBytes(elements.toByteArray());
        return icns.toByteArray();
    }

    private static byte[] header(String type, int length) {
        return ByteBuffer.allocate(8).put(type.getBytes(StandardCharsets.US_ASCII)).putInt(length).array();
    }
}
