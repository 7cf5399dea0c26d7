import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Fails unless every PNG named exists, is at least 640x400, and has more than 64 distinct colours
 * (a blank or single-colour window has a handful). Run as {@code java .ci/PngCheck.java FILE...}.
 */
public final class PngCheck {

    private static final int MIN_COLOURS = 64;

    public static void main(String[] args) throws IOException {
        boolean ok = true;
        for (String name : args) {
            File file = new File(name);
            BufferedImage image = file.isFile() ? ImageIO.read(file) : null;
            if (image == null) {
                System.out.println("MISSING " + name);
                ok = false;
                continue;
            }
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    colours.add(image.getRGB(x, y));
                }
            }
            boolean good = image.getWidth() >= 640 && image.getHeight() >= 400 && colours.size() > MIN_COLOURS;
            System.out.printf("%s %s %dx%d, %d colours%n", good ? "ok" : "BLANK", name, image.getWidth(),
                    image.getHeight(), colours.size());
            ok &= good;
        }
        if (!ok) {
            System.exit(1);
        }
    }
}
