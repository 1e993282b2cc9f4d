package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.result.LifecycleMetrics;
import io.zerowaste.core.result.LifecycleServing;
import io.zerowaste.core.result.LifecycleVersion;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.core.result.Results;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code lifecycle demo --quick} end to end on the real Fashion-MNIST: five versions, four hot swaps under load. */
@Tag("integration")
class LifecycleDemoIntegrationTest {

    static final Path OUT = Path.of("target/lifecycle-quick");

    @Test
    void quickLifecycleUpdatesFourTimesAndSwapsEachVersionWithoutAFailedRequest() throws Exception {
        io.zerowaste.core.io.AtomicFiles.deleteRecursively(OUT);
        assertThat(ZeroWasteCli.run("lifecycle", "demo", "--quick", "--out", OUT.toString())).isZero();
        LifecycleMetrics m = Results.read(OUT.resolve("results.json"), ResultKind.LIFECYCLE, LifecycleMetrics.class).metrics();
        List<LifecycleVersion> v = m.versions();
        assertThat(v).extracting(LifecycleVersion::version).containsExactly(1, 2, 3, 4, 5);
        assertThat(v).extracting(LifecycleVersion::classesSeen).containsExactly(2, 4, 6, 8, 10); // class-il 5 × 2, grown each time
        assertThat(v.get(0).accuracy()).isGreaterThan(0.6); // two classes after one epoch: far above chance
        for (int i = 1; i < v.size(); i++) {
            LifecycleVersion x = v.get(i);
            assertThat(x.parent()).isEqualTo(v.get(i - 1).id());
            assertThat(x.lineageMacs()).isEqualTo(v.get(i - 1).lineageMacs() + x.trainingMacs());
            assertThat(x.swapSeconds()).as("version %d was swapped in", x.version()).isNotNull().isPositive();
            assertThat(x.swapStatus().keySet()).allMatch(s -> s.equals("200") || s.equals("503"));
            assertThat(x.accuracy()).isGreaterThan(1.0 / x.classesSeen()); // above chance on everything seen
        }
        LifecycleServing s = m.serving();
        assertThat(s.requests()).isPositive();
        assertThat(s.failures()).isZero(); // no 5xx but 503, no transport error
        assertThat(s.staleAnswers()).isZero(); // every answer names a version that was fully loaded
        assertThat(s.status().get("200")).isPositive();

        BundleManifest last = ModelBundle.readManifest(OUT.resolve("models/v5"));
        assertThat(last.lineage().version()).isEqualTo(5);
        assertThat(last.classNames()).hasSize(10);
        assertThat(ZeroWasteCli.run("info", "--model", OUT.resolve("models/v5").toString())).isZero();
        assertThat(Files.readString(OUT.resolve("report.html"))).contains("data-chart=\"lifecycle-accuracy\"", "lifecycle-versions-replay");
    }
}
