package io.harbormaster.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPathAllowListTest {

    @Test
    void entryWithoutSuffixIsReadOnlyAsInBacalhau() {
        LocalPathAllowList list = LocalPathAllowList.parse("/data");

        assertThat(list.allows(Path.of("/data/x"), false)).isTrue();
        assertThat(list.allows(Path.of("/data/x"), true)).isFalse();
        assertThat(list.entries()).containsExactly("/data:ro");
    }

    @Test
    void readWriteEntryAllowsReadOnlyUseToo() {
        LocalPathAllowList list = LocalPathAllowList.parse("/out:rw");

        assertThat(list.allows(Path.of("/out/run-1"), true)).isTrue();
        assertThat(list.allows(Path.of("/out/run-1"), false)).isTrue();
    }

    @Test
    void plainPathAllowsItselfAndEverythingBeneathButNotItsNamesakes() {
        LocalPathAllowList list = LocalPathAllowList.parse("/data:ro");

        assertThat(list.allows(Path.of("/data"), false)).isTrue();
        assertThat(list.allows(Path.of("/data/a/b/c.txt"), false)).isTrue();
        assertThat(list.allows(Path.of("/database"), false)).isFalse();
        assertThat(list.allows(Path.of("/"), false)).isFalse();
    }

    @Test
    void doubleStarGlobAllowsAnyDepthAndTheDirectoryItself() {
        LocalPathAllowList list = LocalPathAllowList.parse("/data/**:rw");

        assertThat(list.allows(Path.of("/data/a"), true)).isTrue();
        assertThat(list.allows(Path.of("/data/a/b/c"), true)).isTrue();
        assertThat(list.allows(Path.of("/data"), true)).isTrue();
        assertThat(list.allows(Path.of("/datastore/a"), true)).isFalse();
    }

    @Test
    void singleStarGlobAllowsOnlyDirectChildren() {
        LocalPathAllowList list = LocalPathAllowList.parse("/tmp/*");

        assertThat(list.allows(Path.of("/tmp/job-1"), false)).isTrue();
        assertThat(list.allows(Path.of("/tmp/job-1/deeper"), false)).isFalse();
        assertThat(list.allows(Path.of("/tmp"), false)).isFalse();
    }

    @Test
    void globInTheMiddleMatchesOneLevel() {
        LocalPathAllowList list = LocalPathAllowList.parse("/home/*/datasets/**");

        assertThat(list.allows(Path.of("/home/alice/datasets/x.csv"), false)).isTrue();
        assertThat(list.allows(Path.of("/home/alice/secrets/x"), false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/../etc", "/data/../etc/passwd", "/data/a/../../etc", "/data/./../root"})
    void dotDotCannotEscapeAGlobOrAPlainEntry(String attempt) {
        LocalPathAllowList list = LocalPathAllowList.parse("/data/**:rw,/srv/data:rw");

        assertThat(list.allows(Path.of(attempt), false)).isFalse();
        assertThat(list.allows(Path.of(attempt.replace("/data", "/srv/data")), false)).isFalse();
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() {
        LocalPathAllowList list = LocalPathAllowList.parse("/data/**");

        assertThat(list.allows(Path.of("/data/a/../b"), false)).isTrue();
    }

    @Test
    void relativePathsAreNeverAllowed() {
        LocalPathAllowList list = LocalPathAllowList.parse("/data/**");

        assertThat(list.allows(Path.of("data/a"), false)).isFalse();
        assertThat(list.allows(null, false)).isFalse();
    }

    @Test
    void severalEntriesAreCommaSeparatedAndTheFirstThatAllowsWins() {
        LocalPathAllowList list = LocalPathAllowList.parse(" /data/in:ro , /data/out:rw ,");

        assertThat(list.entries()).containsExactly("/data/in:ro", "/data/out:rw");
        assertThat(list.allows(Path.of("/data/in/a"), true)).isFalse();
        assertThat(list.allows(Path.of("/data/out/a"), true)).isTrue();
    }

    @Test
    void ofTakesOneEntryPerElementAsTheConfigFileListsThem() {
        LocalPathAllowList list = LocalPathAllowList.of(List.of("/data/**:rw", "/models:RO"));

        assertThat(list.entries()).containsExactly("/data/**:rw", "/models:ro");
    }

    @Test
    void emptyFlagAndNoneAllowNothing() {
        assertThat(LocalPathAllowList.parse("").allows(Path.of("/"), false)).isFalse();
        assertThat(LocalPathAllowList.parse(null).isEmpty()).isTrue();
        assertThat(LocalPathAllowList.none().allows(Path.of("/data"), false)).isFalse();
        assertThat(LocalPathAllowList.none().entries()).isEmpty();
    }

    @Test
    void plainEntryIsNormalised() {
        assertThat(LocalPathAllowList.parse("/data/./x/../y/").entries()).containsExactly("/data/y:ro");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/**", "./data", "*", "~/data"})
    void relativeEntryIsRejected(String entry) {
        assertThatThrownBy(() -> LocalPathAllowList.parse(entry))
                .isInstanceOf(AllowListInvalidException.class)
                .hasMessageContaining("must be absolute");
    }

    @Test
    void unknownSuffixIsRejected() {
        assertThatThrownBy(() -> LocalPathAllowList.parse("/data:rx"))
                .isInstanceOf(AllowListInvalidException.class)
                .hasMessage("allow-listed path \"/data:rx\" has an unknown suffix \":rx\"; "
                        + "use :ro (read-only, the default) or :rw (read-write)");
    }

    @Test
    void globWithDotDotIsRejected() {
        assertThatThrownBy(() -> LocalPathAllowList.parse("/data/*/../etc"))
                .isInstanceOf(AllowListInvalidException.class)
                .hasMessageContaining("must not contain \"..\"");
    }

    @Test
    void brokenGlobIsRejected() {
        assertThatThrownBy(() -> LocalPathAllowList.parse("/data/[a"))
                .isInstanceOf(AllowListInvalidException.class)
                .hasMessageContaining("not a valid glob");
    }

    @Test
    void colonInsideThePathIsKeptAsPartOfIt() {
        LocalPathAllowList list = LocalPathAllowList.parse("/mnt/a:b/c:rw");

        assertThat(list.entries()).containsExactly("/mnt/a:b/c:rw");
        assertThat(list.allows(Path.of("/mnt/a:b/c/d"), true)).isTrue();
    }
}
