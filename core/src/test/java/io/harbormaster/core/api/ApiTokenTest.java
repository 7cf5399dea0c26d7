package io.harbormaster.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private final ApiToken token = ApiToken.generate();

    @Test
    void headerWithTheTokenMatchesWhateverTheSchemeCase() {
        String value = token.authorizationHeader().substring("Bearer ".length());

        assertThat(token.matchesHeader("Bearer " + value)).isTrue();
        assertThat(token.matchesHeader("bearer " + value)).isTrue();
    }

    @Test
    void missingOtherOrPrefixedTokensDoNotMatch() {
        String value = token.authorizationHeader().substring("Bearer ".length());

        assertThat(token.matchesHeader(null)).isFalse();
        assertThat(token.matchesHeader("")).isFalse();
        assertThat(token.matchesHeader(value)).isFalse();
        assertThat(token.matchesHeader("Basic " + value)).isFalse();
        assertThat(token.matchesHeader("Bearer " + value.substring(1))).isFalse();
        assertThat(token.matchesHeader(ApiToken.generate().authorizationHeader())).isFalse();
    }

    @Test
    void generatedTokensCarry256BitsAndDiffer() {
        assertThat(token.authorizationHeader()).matches("Bearer [A-Za-z0-9_-]{43}");
        assertThat(ApiToken.generate().authorizationHeader()).isNotEqualTo(token.authorizationHeader());
    }
}
