package io.harbormaster.app.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RenderingDefaultsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(RenderingDefaults.REGION_CACHING);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(RenderingDefaults.REGION_CACHING);
        } else {
            System.setProperty(RenderingDefaults.REGION_CACHING, before);
        }
    }

    @Test
    void regionCachingIsTurnedOffUnlessTheUserChose() {
        System.clearProperty(RenderingDefaults.REGION_CACHING);
        RenderingDefaults.apply();
        assertThat(System.getProperty(RenderingDefaults.REGION_CACHING)).isEqualTo("true");

        System.setProperty(RenderingDefaults.REGION_CACHING, "false");
        RenderingDefaults.apply();
        assertThat(System.getProperty(RenderingDefaults.REGION_CACHING)).isEqualTo("false");
    }
}
