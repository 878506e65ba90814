package cn.hangzhou.indicators.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupsTest {

    private static final long MEGABYTE = 1024L * 1024;

    @Test
    void smallFilesShareATaskUpToTheTargetAndALargeFileHasItsOwn() {
        List<Long> sizes = List.of(10 * MEGABYTE, 20 * MEGABYTE, 30 * MEGABYTE, 5 * MEGABYTE, 800 * MEGABYTE, 1 * MEGABYTE);

        List<List<Long>> groups = TaskGroups.bySize(sizes, Long::longValue);

        assertThat(groups).containsExactly(
                List.of(10 * MEGABYTE, 20 * MEGABYTE, 30 * MEGABYTE),
                List.of(5 * MEGABYTE),
                List.of(800 * MEGABYTE),
                List.of(1 * MEGABYTE));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(sizes.size());
    }

    @Test
    void manyTinyFilesMakeOneTaskAndNoFilesMakeNone() {
        List<Long> tiny = java.util.Collections.nCopies(300, 20_000L);

        assertThat(TaskGroups.bySize(tiny, Long::longValue)).hasSize(1).first().asList().hasSize(300);
        assertThat(TaskGroups.bySize(List.<Long>of(), Long::longValue)).isEmpty();
    }
}
