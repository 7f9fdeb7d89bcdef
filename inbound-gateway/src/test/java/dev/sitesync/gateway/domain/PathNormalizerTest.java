package dev.sitesync.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    @ParameterizedTest
    @CsvSource({"/api/v1/sites, /api/v1/sites", "//api//v1///sites, /api/v1/sites", "/api/./v1/sites, /api/v1/sites",
            "/hooks/../api/v1/sites, /api/v1/sites", "/hooks/%2e%2e/api/v1/sites, /api/v1/sites",
            "/hooks/%2E./api/v1/sites, /api/v1/sites", "/api/v1/sites/, /api/v1/sites/", "/, /", "/a/b/../.., /",
            "/api/v1/identities/%E2%82%AC, /api/v1/identities/€", "/HOOKS/central, /HOOKS/central"})
    void normalisesToOneCanonicalSpelling(String raw, String canonical) {
        assertThat(PathNormalizer.normalize(raw).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api/v1", "/..", "/a/../..", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00b", "/a;b",
            "/a%3Bb", "/a%252e%252e", "/a%25%32%65", "/a%zz", "/a%2", "/a%c0%ae", "/a b", "/a\u00e9", "/a%0d%0a"})
    void refusesWhatCouldMeanTwoThings(String raw) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw)).isInstanceOf(RejectedPath.class);
    }

    @Test
    void encodesSegmentsAgainForTheUpstream() {
        assertThat(NormalizedPath.encode(java.util.List.of("api", "€ x", "a:b@c", "100%"), false))
                .isEqualTo("/api/%E2%82%AC%20x/a:b@c/100%25");
    }
}
