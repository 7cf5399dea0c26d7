package io.harbormaster.icons.build;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a Windows {@code .ico}: a 6-byte header, one 16-byte directory entry per image, then the
 * images. Since Windows Vista an entry may hold a whole PNG, which is all we store; a width or
 * height of 256 is written as 0, as the format demands.
 */
final class IcoContainer {

    static final int MAX_SIZE = 256;
    private static final int HEADER_BYTES = 6;
    private static final int ENTRY_BYTES = 16;

    private final SortedMap<Integer, byte[]> pngsBySize = new TreeMap<>();

    /** Adds a square PNG of {@code size} pixels (1 to 256). */
    IcoContainer add(int size, byte[] png) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("An .ico image is 1 to 256 pixels wide, not " + size);
        }
        pngsBySize.put(size, png);
        return this;
    }

    byte[] toBytes() {
        int offset = HEADER_BYTES + ENTRY_BYTES * pngsBySize.size();
        ByteBuffer directory = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        directory.putShort((short) 0);                    // reserved
        directory.putShort((short) 1);                    // 1 = icon (2 would be a cursor)
        directory.putShort((short) pngsBySize.size());
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        for (Map.Entry<Integer, byte[]> image : pngsBySize.entrySet()) {
            int size = image.getKey();
            byte[] png = image.getValue();
            directory.put((byte) (size == MAX_SIZE ? 0 : size));  // width
            directory.put((byte) (size == MAX_SIZE ? 0 : size));  // height
            directory.put((byte) 0);                          // palette colours: none
            directory.put((byte) 0);                          // reserved
            directory.putShort((short) 1);                    // colour planes
            directory.putShort((short) 32);                   // bits per pixel
            directory.putInt(png.length);
            directory.putInt(offset);
            images.writeBytes(png);
            offset += png.length;
        }
        ByteArrayOutputStream ico = new ByteArrayOutputStream(offset);
        ico.writeBytes(directory.array());
        ico.writeBytes(images.toByteArray());
        return ico.toByteArray();
    }
}
