package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchTimeTest {

    @ParameterizedTest(name = "''{0}'' is sent as ''{1}''")
    @CsvSource(nullValues = "-", textBlock = """
            2026-12-05T14:30,          2026-12-05T14:30Z
            2026-12-05T14:30:15,       2026-12-05T14:30:15Z
            2026-12-05,                2026-12-05T00:00Z
            2026-12-05T14:30+01:00,    2026-12-05T14:30+01:00
            2026-12-05T14:30:00Z,      2026-12-05T14:30Z
            yesterday,                 yesterday
            '  ',                      -
            -,                         -
            """)
    void aTimeWithoutAnOffsetIsInUtcAndAnythingElseIsLeftToTheService(String typed, String sent) {
        assertThat(SearchTime.withOffset(typed)).isEqualTo(sent);
    }
}
