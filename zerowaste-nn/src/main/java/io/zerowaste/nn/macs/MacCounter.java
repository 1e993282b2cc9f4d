package io.zerowaste.nn.macs;

/** Analytic MAC counts from shapes: conv Cin·Cout·k²·Hout·Wout, linear in·out. */
public final class MacCounter {

    private MacCounter() {}

    public static int convOut(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    public static long conv(int cin, int cout, int kernel, int hOut, int wOut) {
        return (long) cin * cout * kernel * kernel * hOut * wOut;
    }

    public static long linear(int in, int out) {
        return (long) in * out;
    }
}
