package io.harbormaster.icons.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The build step that turns the one SVG drawing into every file an OS or the window wants:
 * {@code harbormaster-N.png} for each size in {@link #PNG_SIZES}, {@code harbormaster.png} (the
 * Linux installer's icon), {@code harbormaster.ico} and {@code harbormaster.icns}.
 *
 * <p>Run by the icons module's build as {@code IconGenerator <svg> <output dir>}.
 */
public final class IconGenerator {

    /** Every size a window, a Linux desktop, Windows or macOS asks for. */
    public static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512, 1024);
    /** What Windows shows, from a list entry (16) to a large tile (256). */
    public static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    /** Linux menus scale this one down; 512 stays sharp on high-density screens. */
    static final int LINUX_ICON_SIZE = 512;

    private IconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: IconGenerator <drawing.svg> <output directory>");
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes every icon file rendered from {@code svg} into {@code outputDir}, replacing older ones. */
    public static void generate(Path svg, Path outputDir) throws IOException {
        SvgRasterizer rasterizer = SvgRasterizer.load(svg);
        Files.createDirectories(outputDir);
        IcoContainer ico = new IcoContainer();
        IcnsContainer icns = new IcnsContainer();
        for (int size : PNG_SIZES) {
            byte[] png = rasterizer.renderPng(size);
            Files.write(outputDir.resolve("harbormaster-" + size + ".png"), png);
            if (ICO_SIZES.contains(size)) {
                ico.add(size, png);
            }
            if (IcnsContainer.TYPES.containsValue(size)) {
                icns.add(size, png);
            }
            if (size == LINUX_ICON_SIZE) {
                Files.write(outputDir.resolve("harbormaster.png"), png);
            }
        }
        Files.write(outputDir.resolve("harbormaster.ico"), ico.toBytes());
        Files.write(outputDir.resolve("harbormaster.icns"), icns.toBytes());
    }
}
