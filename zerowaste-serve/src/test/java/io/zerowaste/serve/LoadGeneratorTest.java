package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.serve.bench.LoadGenerator;
import io.zerowaste.serve.bench.MalformedRequests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private InferenceServer server;

    @BeforeEach
    void start() throws Exception {
        server = new InferenceServer(new ServeConfig("127.0.0.1", 0, 8, 2, 256, 64 << 10, 16, 8)).start();
        server.setModel(new FakePredictor(), () -> Map.of("id", "fake@1", "threshold", 0.5), 28, 28);
    }

    @AfterEach
    void stop() {
        server.shutdown(1);
    }

    @Test
    void malformedShareIsExactAndSpreadEvenly() {
        long[] bad = LongStream.range(0, 1000).filter(k -> MalformedRequests.isMalformed(k, 0.1)).toArray();
        assertThat(bad).hasSize(100);
        assertThat(bad[0]).isEqualTo(9);
        assertThat(bad[99]).isEqualTo(999);
        assertThat(LongStream.range(0, 50).filter(k -> MalformedRequests.isMalformed(k, 0)).count()).isZero();
    }

    @Test
    void malformedRequestsAreCountedApartAndEveryOneIsRefused() throws Exception {
        LoadGenerator g = generator(0.1);
        LoadGenerator.Result r = g.run(4, Duration.ofMillis(1500), 0);

        assertThat(r.sent()).isGreaterThan(10L * MalformedRequests.kinds()); // every kind was sent
        assertThat(r.transportErrors()).isZero();
        assertThat(r.answered()).isEqualTo(r.sent());
        long malformed = r.malformedByStatus().values().stream().mapToLong(Long::longValue).sum();
        assertThat(malformed).isEqualTo((long) Math.floor(r.sent() * 0.1));
        assertThat(r.malformedByStatus()).containsOnlyKeys(400);
        assertThat(r.byStatus()).containsOnlyKeys(200);
        assertThat(r.checked()).isEqualTo(r.ok());
        assertThat(r.mismatches()).isZero();
        assertThat(LoadGenerator.describe(r)).contains("malformed   {400=" + malformed + "}", "sent        " + r.sent());
    }

    @Test
    void openLoopSendsItsScheduleAndWaitsForEveryAnswer() throws Exception {
        LoadGenerator.Result r = generator(0.1).run(4, Duration.ofMillis(1000), 200);
        assertThat(r.sent() + r.notSent()).isEqualTo(200);
        assertThat(r.answered()).isEqualTo(r.sent());
        assertThat(r.malformedByStatus()).containsOnlyKeys(400);
    }

    /** The server listens through its own connector, with a deep accept queue, on the port it reports. */
    @Test
    void theServerListensWithADeepAcceptQueue() throws Exception {
        assertThat(server.acceptQueueSize()).isEqualTo(InferenceServer.ACCEPT_QUEUE).isGreaterThan(50);
        LoadGenerator.Result r = generator(0).run(2, Duration.ofMillis(200), 0);
        assertThat(r.ok()).isPositive().isEqualTo(r.sent());
    }

    /** Requests to a port nobody listens on: each is a transport error, split by its cause, in both loops. */
    @Test
    void transportErrorsAreCountedByTheirCause() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<byte[]> bodies = List.of("{\"instances\": [[0]]}".getBytes(StandardCharsets.UTF_8));
        LoadGenerator g = new LoadGenerator(URI.create("http://127.0.0.1:" + closed + "/v1/predict"), bodies, null, null, 2, 0);
        for (double rate : new double[] {0, 50}) {
            LoadGenerator.Result r = g.run(2, Duration.ofMillis(300), rate);
            assertThat(r.transportErrors()).as("rate %s", rate).isPositive().isEqualTo(r.sent());
            assertThat(r.answered()).isZero();
            assertThat(r.transportByCause().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.transportErrors());
            assertThat(r.transportByCause().keySet()).allMatch(k -> k.startsWith("ConnectException"));
            assertThat(LoadGenerator.describe(r)).contains("transport   {ConnectException");
        }
    }

    /** Well-formed requests whose first pixel names the label the fake predictor answers. */
    private LoadGenerator generator(double malformed) {
        List<byte[]> bodies = new java.util.ArrayList<>();
        int[][] labels = new int[10][];
        for (int i = 0; i < 10; i++) {
            int[] px = new int[784];
            px[0] = i;
            bodies.add(("{\"instances\": [" + Arrays.toString(px) + "]}").getBytes(StandardCharsets.UTF_8));
            labels[i] = new int[] {i};
        }
        return new LoadGenerator(URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"), bodies, labels, null, 4, malformed);
    }
}
