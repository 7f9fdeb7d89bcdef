package dev.sitesync.worker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ChunksTest {

    @Test
    void itemsAreCutIntoConsecutivePartsOfAtMostTheSizeInTheirOrder() {
        List<Integer> items = IntStream.range(0, 2_500).boxed().toList();

        List<List<Integer>> chunks = Chunks.of(items, 1_000);

        assertThat(chunks).extracting(List::size).containsExactly(1_000, 1_000, 500);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void exactMultiplesAndNothingCutCleanly() {
        assertThat(Chunks.of(List.of(1, 2, 3, 4), 2)).containsExactly(List.of(1, 2), List.of(3, 4));
        assertThat(Chunks.of(List.of(), 1_000)).isEmpty();
    }
}
