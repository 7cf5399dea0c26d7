package io.harbormaster.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * Feeds the parser ten thousand broken variants of the sample jobs. Whatever the input, the only
 * exception allowed out is {@link SpecInvalidException}, and most inputs must be well-formed enough
 * to exercise semantic validation rather than stop at the YAML syntax check.
 */
class JobSpecFuzzTest {

    private static final int TRIES = 10_000;

    /** Messages of problems with the document as a whole, reported before any field is looked at. */
    private static final List<String> DOCUMENT_LEVEL = List.of(
            "not valid YAML", "not valid JSON", "empty input", "more than one document", "nested more than",
            "expected a job", "could not be read");

    private final JobSpecParser parser = new JobSpecParser(SpecSamples.ALLOW_LIST, Set.of("docker", "wasm"));
    private int inputs;
    private int reachedSemantics;
    private int accepted;
    private int rejected;

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void parseLetsOnlySpecInvalidExceptionEscape(@ForAll("mutants") SpecMutator.Mutant mutant) {
        inputs++;
        String outcome;
        try {
            ParsedJob job = parser.parse(mutant.text());
            assertThat(job.spec()).isNotNull();
            accepted++;
            reachedSemantics++;
            outcome = "accepted";
        } catch (SpecInvalidException e) {
            rejected++;
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.path()).isNotNull();
                assertThat(p.message()).isNotBlank();
                assertThat(p.line()).isNotNegative();
            });
            boolean stoppedAtSyntax = e.problems().stream().anyMatch(JobSpecFuzzTest::isDocumentLevel);
            if (!stoppedAtSyntax) {
                reachedSemantics++;
            }
            outcome = stoppedAtSyntax ? "rejected before semantics" : "rejected by semantics";
        }
        Statistics.collect(outcome);
    }

    @Provide
    Arbitrary<SpecMutator.Mutant> mutants() {
        return Arbitraries.longs().map(SpecMutator::mutate);
    }

    @AfterProperty
    void atLeastAThirdOfTheInputsReachSemanticValidation() {
        System.out.printf("spec fuzz: %d inputs, %d reached semantic validation (%.1f%%), %d accepted, %d rejected%n",
                inputs, reachedSemantics, 100.0 * reachedSemantics / Math.max(inputs, 1), accepted, rejected);
        assertThat(inputs).isEqualTo(TRIES);
        assertThat(accepted + rejected).isEqualTo(inputs);
        assertThat(3L * reachedSemantics).isGreaterThanOrEqualTo(inputs);
    }

    private static boolean isDocumentLevel(SpecProblem problem) {
        return problem.path().equals(Problems.DOCUMENT)
                && DOCUMENT_LEVEL.stream().anyMatch(problem.message()::startsWith);
    }
}
