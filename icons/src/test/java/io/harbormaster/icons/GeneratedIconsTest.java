package io.harbormaster.icons;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the icon files the build rendered, from the classpath where the app and the installer
 * find them, and checks each is what its OS expects: a PNG of the size its name says, an .ico
 * whose directory matches the PNGs it holds, an .icns whose lengths add up and whose types hold
 * the right sizes. Parsed here independently of the writers, so a writer bug cannot hide itself.
 */
class GeneratedIconsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 48, 64, 128, 256, 512, 1024})
    void eachWindowIconIsASquarePngOfTheSizeItsNameSays(int size) {
        BufferedImage image = png(resource("harbormaster-" + size + ".png"));

        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
    }

    @Test
    void windowIconsHaveATransparentCornerAndAnOpaqueCentre() {
        BufferedImage image = png(resource("harbormaster-256.png"));

        assertThat(image.getRGB(0, 0) >>> 24).as("corner alpha").isZero();
        assertThat(image.getRGB(128, 128) >>> 24).as("centre alpha").isEqualTo(0xff);
    }

    @Test
    void linuxInstallerIconIsALargePng() {
        BufferedImage image = png(resource("harbormaster.png"));

        assertThat(image.getWidth()).isEqualTo(512).isEqualTo(image.getHeight());
    }

    @Test
    void icoHeaderDirectoryAndImagesAgree() {
        byte[] ico = resource("harbormaster.ico");
        ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(in.getShort()).as("reserved").isZero();
        assertThat(in.getShort()).as("type: icon").isEqualTo((short) 1);
        int count = in.getShort();
        assertThat(count).isEqualTo(7);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int width = Byte.toUnsignedInt(in.get());
            int height = Byte.toUnsignedInt(in.get());
            in.position(in.position() + 2);                              // palette, reserved
            assertThat(in.getShort()).as("planes").isEqualTo((short) 1);
            assertThat(in.getShort()).as("bits per pixel").isEqualTo((short) 32);
            int length = in.getInt();
            int offset = in.getInt();
            int size = width == 0 ? 256 : width;
            assertThat(height == 0 ? 256 : height).isEqualTo(size);
            assertThat(offset + length).as("entry %d ends inside the file", i).isLessThanOrEqualTo(ico.length);
            BufferedImage image = png(Arrays.copyOfRange(ico, offset, offset + length));
            assertThat(image.getWidth()).as("PNG in entry %d", i).isEqualTo(size);
            sizes.add(size);
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void icnsLengthsAddUpAndEachTypeHoldsItsSize() {
        byte[] icns = resource("harbormaster.icns");
        ByteBuffer in = ByteBuffer.wrap(icns);

        assertThat(fourCc(in)).isEqualTo("icns");
        assertThat(in.getInt()).as("file length").isEqualTo(icns.length);
        Map<String, Integer> sizesByType = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int start = in.position();
            String type = fourCc(in);
            int length = in.getInt();
            assertThat(length).as(type).isGreaterThan(8);
            assertThat(start + length).as(type + " ends inside the file").isLessThanOrEqualTo(icns.length);
            byte[] data = Arrays.copyOfRange(icns, start + 8, start + length);
            assertThat(Arrays.copyOf(data, 8)).as(type + " holds a PNG").isEqualTo(PNG_SIGNATURE);
            BufferedImage image = png(data);
            assertThat(image.getHeight()).isEqualTo(image.getWidth());
            sizesByType.put(type, image.getWidth());
            in.position(start + length);
        }
        assertThat(sizesByType).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("icp4", 16), Map.entry("ic11", 32), Map.entry("icp5", 32), Map.entry("ic12", 64),
                Map.entry("icp6", 64), Map.entry("ic07", 128), Map.entry("ic13", 256), Map.entry("ic08", 256),
                Map.entry("ic14", 512), Map.entry("ic09", 512), Map.entry("ic10", 1024)));
    }

    private static String fourCc(ByteBuffer in) {
        byte[] type = new byte[4];
        in.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    private static byte[] resource(String name) {
        String path = "/io/harbormaster/icons/" + name;
        try (InputStream in = GeneratedIconsTest.class.getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s (rendered by the build)", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage png(byte[] bytes) {
        assertThat(Arrays.copyOf(bytes, 8)).as("PNG signature").isEqualTo(PNG_SIGNATURE);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("decodable PNG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
