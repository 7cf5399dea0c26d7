package io.harbormaster.icons.build;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders one SVG document to square PNGs of any size. Each size is drawn from the vector source,
 * never scaled from another bitmap, so a 16 px icon is as sharp as the drawing allows.
 */
final class SvgRasterizer {

    private final SVGDocument document;

    private SvgRasterizer(SVGDocument document) {
        this.document = document;
    }

    static SvgRasterizer load(Path svg) throws IOException {
        try (InputStream in = Files.newInputStream(svg)) {
            SVGDocument document = new SVGLoader().load(in, svg.toUri(), LoaderContext.createDefault());
            if (document == null) {
                throw new IOException("Could not parse " + svg + " as SVG; open it in a browser to see the error");
            }
            return new SvgRasterizer(document);
        }
    }

    /** The drawing at {@code size}×{@code size} pixels, with a transparent background. */
    BufferedImage render(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            document.render((Component) null, graphics, new ViewBox(0, 0, size, size));
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** {@link #render(int)} encoded as PNG. */
    byte[] renderPng(int size) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(render(size), "png", png)) {
                throw new IllegalStateException("This JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
