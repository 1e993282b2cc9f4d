package io.zerowaste.nn.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The archive's layout and pickles, byte for byte, as libtorch's reader expects them. */
class TorchScriptArchiveTest {

    @Test
    void archiveHoldsVersionConstantsDataAndCodeUnderOneFolderStored() throws IOException {
        TorchScriptArchive a = Bf16Scripts.headConv(true, 2, 1);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(a.bytes("f")))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("f/version", "f/constants.pkl", "f/data.pkl", "f/code/__torch__.py");
        assertThat(new String(entries.get("f/version"), StandardCharsets.US_ASCII).trim()).isEqualTo("3");
        assertThat(entries.get("f/constants.pkl")).containsExactly(0x80, 2, ')', '.');
        String code = new String(entries.get("f/code/__torch__.py"), StandardCharsets.UTF_8);
        assertThat(code).startsWith("class Bf16HeadConvReluS2P1(Module):\n  __parameters__ = []\n  __buffers__ = []\n")
                .contains("torch.to(x, 15)", "torch.relu(h)", "[2, 2], [1, 1], [1, 1], 1)", ", 6)");
        assertThat(a.bytes("f")).as("the same code gives the same bytes").isEqualTo(a.bytes("f"));
    }

    @Test
    void dataPickleIsOneObjectOfTheClassInTrainingModeWithoutBackwardHook() {
        byte[] want = concat(new byte[] {(byte) 0x80, 2, 'c'}, ascii("__torch__\nM\n"), new byte[] {'q', 0, ')', (byte) 0x81, '}', '('},
                new byte[] {'X', 8, 0, 0, 0}, ascii("training"), new byte[] {'q', 1, (byte) 0x88},
                new byte[] {'X', 22, 0, 0, 0}, ascii("_is_full_backward_hook"), new byte[] {'q', 2, 'N', 'u', 'b', '.'});
        assertThat(Pickles.module("M")).containsExactly(want);
    }

    @Test
    void classNamesMustBeIdentifiers() {
        assertThatThrownBy(() -> new TorchScriptArchive("a.b", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
