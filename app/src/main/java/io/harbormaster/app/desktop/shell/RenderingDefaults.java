package io.harbormaster.app.desktop.shell;

/**
 * JavaFX rendering settings the window starts with, each unless the user set it already (a {@code -D} in
 * {@code HARBORMASTER_JAVA_OPTS}). They must be set before the toolkit starts: Prism reads them once.
 */
final class RenderingDefaults {

    static final String REGION_CACHING = "prism.disableRegionCaching";

    private RenderingDefaults() {
    }

    static void apply() {
        // Prism keeps each region's background as an image and stretches it over the region at every
        // paint. Without a GPU (a remote or virtual X display, where Prism falls back to its software
        // pipeline) that costs more than filling the background again: with it off, painting a scrolled
        // 100,000-row table took well under half the time (docs/benchmarks.md, "Desktop app").
        if (System.getProperty(REGION_CACHING) == null) {
            System.setProperty(REGION_CACHING, "true");
        }
    }
}
