package io.zerowaste.nn.engine;

import io.zerowaste.core.ZeroWasteException;
import java.util.Locale;

/**
 * The number format convolutions compute in. {@code FP32} is the exact path of before; {@code BF16} runs
 * convolutions in bfloat16 inside TorchScript functions (inputs, outputs, weights, logits and every metric
 * stay float32); {@code AUTO} picks bf16 where the CPU has native bf16 dot products ({@link CpuFeatures}).
 */
public enum Precision {
    FP32, BF16, AUTO;

    /** The lower-case name the CLI and provenance use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.label().equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw ZeroWasteException.badInput("unknown precision '" + s + "': pass fp32, bf16 or auto");
    }

    /** The precision a run uses, and the one-line reason why. */
    public record Choice(Precision precision, String reason) {

        public Choice {
            if (precision == AUTO) {
                throw new IllegalArgumentException("a choice is fp32 or bf16");
            }
        }

        public boolean bf16() {
            return precision == BF16;
        }

        /** "precision bf16: …", for the log. */
        public String line() {
            return "precision " + precision.label() + ": " + reason;
        }
    }

    /**
     * Resolves this request on this CPU. {@code bf16Form} says whether the model has a bf16 form at all
     * (null when it does; else why not): auto then falls back to fp32, an explicit bf16 is refused.
     */
    public Choice resolve(String bf16Unavailable) {
        return resolve(CpuFeatures.detect(), bf16Unavailable);
    }

    Choice resolve(CpuFeatures cpu, String bf16Unavailable) {
        return switch (this) {
            case FP32 -> new Choice(FP32, "asked for");
            case BF16 -> {
                if (bf16Unavailable != null) {
                    throw ZeroWasteException.badInput("--precision bf16 is not available: " + bf16Unavailable
                            + "; pass --precision fp32");
                }
                yield new Choice(BF16, cpu.bf16DotProducts()
                        ? "asked for; the CPU has native bf16 dot products (" + cpu.bf16Flags() + ")"
                        : "asked for; this CPU has no native bf16 dot products, expect it slower than fp32");
            }
            case AUTO -> {
                if (!cpu.bf16DotProducts()) {
                    yield new Choice(FP32, "auto: " + cpu.describe() + ", so fp32");
                }
                if (bf16Unavailable != null) {
                    yield new Choice(FP32, "auto: the CPU has " + cpu.bf16Flags() + " but " + bf16Unavailable + ", so fp32");
                }
                yield new Choice(BF16, "auto: the CPU has native bf16 dot products (" + cpu.bf16Flags() + ")");
            }
        };
    }
}
