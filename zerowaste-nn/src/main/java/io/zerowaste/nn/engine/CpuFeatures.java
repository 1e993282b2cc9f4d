package io.zerowaste.nn.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CPU's bfloat16 instructions, from the {@code flags} line of /proc/cpuinfo: {@code avx512_bf16}
 * (AVX-512 BF16, dot products of bf16 pairs into fp32) or {@code amx_bf16} (AMX tiles). Where neither is
 * present, oneDNN emulates bf16 and it is no faster than fp32.
 */
public record CpuFeatures(List<String> flags, boolean known) {

    private static final List<String> BF16 = List.of("avx512_bf16", "amx_bf16");

    public static CpuFeatures detect() {
        return fromCpuinfo(Path.of("/proc/cpuinfo"));
    }

    static CpuFeatures fromCpuinfo(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    return fromFlags(line.substring(line.indexOf(':') + 1));
                }
            }
            return new CpuFeatures(List.of(), false);
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures(List.of(), false);
        }
    }

    static CpuFeatures fromFlags(String flags) {
        Set<String> have = Set.of(flags.trim().split("\\s+"));
        List<String> found = new ArrayList<>();
        for (String f : BF16) {
            if (have.contains(f)) {
                found.add(f);
            }
        }
        return new CpuFeatures(List.copyOf(found), true);
    }

    public boolean bf16DotProducts() {
        return !flags.isEmpty();
    }

    public String bf16Flags() {
        return String.join(", ", flags);
    }

    String describe() {
        return known ? "the CPU has neither avx512_bf16 nor amx_bf16" : "no /proc/cpuinfo flags to read";
    }
}
