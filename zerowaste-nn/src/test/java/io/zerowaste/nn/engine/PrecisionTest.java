package io.zerowaste.nn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    private static final CpuFeatures ZEN4 = CpuFeatures.fromFlags("fpu sse2 avx512f avx512_bf16 avx512_vnni");
    private static final CpuFeatures OLD = CpuFeatures.fromFlags("fpu sse2 avx2 fma");

    @Test
    void autoPicksBf16OnlyWhereTheCpuHasBf16DotProducts() {
        assertThat(ZEN4.flags()).containsExactly("avx512_bf16");
        assertThat(CpuFeatures.fromFlags("amx_bf16 avx512_bf16").flags()).containsExactly("avx512_bf16", "amx_bf16");
        Precision.Choice on = Precision.AUTO.resolve(ZEN4, null);
        assertThat(on.precision()).isEqualTo(Precision.BF16);
        assertThat(on.line()).isEqualTo("precision bf16: auto: the CPU has native bf16 dot products (avx512_bf16)");
        assertThat(Precision.AUTO.resolve(OLD, null).precision()).isEqualTo(Precision.FP32);
        assertThat(Precision.AUTO.resolve(ZEN4, "mlp has no bf16 inference form").precision()).isEqualTo(Precision.FP32);
        assertThat(Precision.FP32.resolve(ZEN4, null).precision()).isEqualTo(Precision.FP32);
        assertThat(Precision.BF16.resolve(OLD, null).precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void explicitBf16WithoutAFormAndUnknownNamesAreOneLineErrors() {
        assertThatThrownBy(() -> Precision.BF16.resolve(ZEN4, "mlp has no bf16 inference form"))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("pass --precision fp32");
        assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("fp32, bf16 or auto");
        assertThat(Precision.parse(" BF16")).isEqualTo(Precision.BF16);
    }
}
