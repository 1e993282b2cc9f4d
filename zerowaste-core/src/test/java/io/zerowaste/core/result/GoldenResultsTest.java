package io.zerowaste.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The typed result records keep results.json's keys: each golden file (written by a real run of every kind on the
 * fixture, before the records existed) reads into its record and writes back to the same JSON, key for key.
 */
class GoldenResultsTest {

    @ParameterizedTest
    @CsvSource({"backbone.json, backbone", "exits.json, exits", "exits-eval.json, exits", "continual.json, continual",
            "glimpse.json, glimpse", "glimpse-one-model.json, glimpse", "lifecycle.json, lifecycle"})
    void aGoldenFileReadsIntoItsRecordAndWritesBackUnchanged(String file, String kind) throws IOException {
        JsonNode golden = golden(file);
        ResultKind k = ResultKind.of(kind);
        ResultEnvelope<?> typed = Results.fromTree(golden, k.metricsType(), file);
        assertThat(typed.kind()).isEqualTo(k);
        assertThat(k.metricsType()).isInstanceOf(Class.class);
        assertThat(typed.metrics()).isInstanceOf(k.metricsType());
        JsonNode written = Json.MAPPER.readTree(Json.toString(typed));
        assertThat(written).isEqualTo(golden);
    }

    @Test
    void aResultWrittenBeforeTheOracleWasNamedStillLoads() throws IOException {
        ExitsMetrics m = Results.fromTree(golden("exits-before-oracle-named.json"), ExitsMetrics.class, "old").metrics();
        MethodMetrics ztw = m.methods().get("ztw");
        assertThat(ztw.oracleMaxAccuracy()).isNull();
        assertThat(ztw.oracle()).isEqualTo(ztw.maxAccuracy()).isNotNull();
        assertThat(ztw.budgetAccuracy()).containsKeys("25", "50", "75", "100");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExitsBundlesManifestExtrasReadIntoTheirRecordAndWriteBackUnchanged() throws IOException {
        JsonNode golden = golden("exits-bundle-extra.json");
        ExitsBundleInfo info = ExitsBundleInfo.of(Json.MAPPER.convertValue(golden, java.util.Map.class), "golden");
        assertThat(info.method()).isEqualTo("ztw");
        assertThat(Json.MAPPER.readTree(Json.toString(info.toExtra()))).isEqualTo(golden);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGlimpseBundlesManifestExtrasReadIntoTheirRecordAndWriteBackUnchanged() throws IOException {
        JsonNode golden = golden("glimpse-bundle-extra.json");
        GlimpseBundleInfo info = GlimpseBundleInfo.of(Json.MAPPER.convertValue(golden, java.util.Map.class));
        assertThat(info.policy()).isEqualTo("subsets");
        assertThat(info.decoderDepth()).isEqualTo(2);
        assertThat(Json.MAPPER.readTree(Json.toString(info.toExtra()))).isEqualTo(golden);
    }

    @Test
    void anUnknownKindIsAOneLineError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultKind.of("spark"))
                .hasMessageContaining("unknown result kind 'spark'");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = GoldenResultsTest.class.getResourceAsStream("/golden/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
