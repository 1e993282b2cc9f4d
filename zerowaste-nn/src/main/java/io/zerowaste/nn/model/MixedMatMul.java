package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.script.Bf16Scripts;
import io.zerowaste.nn.script.ScriptLibrary;

/** A batched matrix product in a precision: fp32 is DJL's {@code matMul}; bf16 the scripted one, fp32 in and out. */
public final class MixedMatMul {

    private MixedMatMul() {}

    public static NDArray apply(Precision precision, NDArray a, NDArray b) {
        if (precision != Precision.BF16) {
            return a.matMul(b);
        }
        // records for autograd exactly when a gradient collector is open (ScriptedFunction.call)
        return ScriptLibrary.function(Bf16Scripts.matmul()).call(a, b);
    }
}
