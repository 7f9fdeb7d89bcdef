package dev.sitesync.support.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Integer> alone = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> firstCommit = new CompletableFuture<>();

    @Test
    void requestsArrivingWhileACommitRunsGoTogetherInTheNextOne() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("test", 64, this::together, this::aloneHeldUntilReleased);

        Uni<String> first = commits.submit(1).memoize().indefinitely();
        first.subscribe().with(x -> {
        });
        List<Uni<String>> later = List.of(2, 3, 4, 5).stream()
                .map(i -> commits.submit(i).memoize().indefinitely()).toList();
        later.forEach(uni -> uni.subscribe().with(x -> {
        }));
        firstCommit.complete(null);

        assertThat(first.await().atMost(WAIT)).isEqualTo("alone 1");
        assertThat(later.stream().map(uni -> uni.await().atMost(WAIT)).toList())
                .containsExactly("together 2", "together 3", "together 4", "together 5");
        assertThat(alone).containsExactly(1);
        assertThat(batches).containsExactly(List.of(2, 3, 4, 5));
    }

    @Test
    void aBatchThatFailsIsCommittedOneByOneSoOnlyTheBadRequestFails() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("test", 64,
                batch -> Uni.createFrom().failure(new IllegalStateException("one of them is bad")),
                request -> request == 3
                        ? Uni.createFrom().failure(new IllegalArgumentException("3 is bad"))
                        : aloneHeldUntilReleased(request));

        Uni<String> first = commits.submit(1).memoize().indefinitely();
        first.subscribe().with(x -> {
        });
        List<Uni<String>> later = List.of(2, 3, 4).stream()
                .map(i -> commits.submit(i).memoize().indefinitely()).toList();
        later.forEach(uni -> uni.subscribe().with(x -> {
        }, failure -> {
        }));
        firstCommit.complete(null);

        assertThat(later.get(0).await().atMost(WAIT)).isEqualTo("alone 2");
        assertThatThrownBy(() -> later.get(1).await().atMost(WAIT)).hasMessage("3 is bad");
        assertThat(later.get(2).await().atMost(WAIT)).isEqualTo("alone 4");
        assertThat(alone).containsExactly(1, 2, 4);
    }

    @Test
    void aBatchThatFailsInAWayEachRequestWouldFailsAsAWhole() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("test", 64,
                batch -> Uni.createFrom().failure(new IllegalStateException("the service is down")),
                this::aloneHeldUntilReleased, failure -> !failure.getMessage().contains("down"));

        Uni<String> first = commits.submit(1).memoize().indefinitely();
        first.subscribe().with(x -> {
        });
        List<Uni<String>> later = List.of(2, 3).stream().map(i -> commits.submit(i).memoize().indefinitely()).toList();
        later.forEach(uni -> uni.subscribe().with(x -> {
        }, failure -> {
        }));
        firstCommit.complete(null);

        later.forEach(uni -> assertThatThrownBy(() -> uni.await().atMost(WAIT)).hasMessage("the service is down"));
        assertThat(alone).containsExactly(1);
    }

    @Test
    void noMoreThanTheLargestBatchGoesInOneCommit() {
        GroupCommit<Integer, String> commits = new GroupCommit<>("test", 2, this::together, this::aloneHeldUntilReleased);

        Uni<String> first = commits.submit(1).memoize().indefinitely();
        first.subscribe().with(x -> {
        });
        List<Uni<String>> later = List.of(2, 3, 4, 5, 6).stream()
                .map(i -> commits.submit(i).memoize().indefinitely()).toList();
        later.forEach(uni -> uni.subscribe().with(x -> {
        }));
        firstCommit.complete(null);

        later.forEach(uni -> uni.await().atMost(WAIT));
        assertThat(batches).containsExactly(List.of(2, 3), List.of(4, 5));
        assertThat(alone).containsExactly(1, 6);
    }

    private Uni<List<String>> together(List<Integer> batch) {
        batches.add(batch);
        return Uni.createFrom().item(batch.stream().map(i -> "together " + i).toList());
    }

    /** The first commit waits until the test has queued the rest behind it. */
    private Uni<String> aloneHeldUntilReleased(Integer request) {
        alone.add(request);
        return Uni.createFrom().completionStage(firstCommit).replaceWith("alone " + request);
    }
}
