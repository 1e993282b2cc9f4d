package io.zerowaste.nn.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two pickles (protocol 2) a code-only TorchScript archive holds, written opcode by opcode the way
 * libtorch's own pickler writes them (torch/csrc/jit/serialization/pickler.cpp), so its unpickler reads them:
 * {@code constants.pkl}, an empty tuple; {@code data.pkl}, one object of the scripted class with its two
 * attributes, {@code training} and {@code _is_full_backward_hook}.
 */
final class Pickles {

    private static final int PROTO = 0x80;
    private static final int EMPTY_TUPLE = ')';
    private static final int STOP = '.';
    private static final int GLOBAL = 'c';
    private static final int NEWOBJ = 0x81;
    private static final int EMPTY_DICT = '}';
    private static final int MARK = '(';
    private static final int BINUNICODE = 'X';
    private static final int BINPUT = 'q';
    private static final int NEWTRUE = 0x88;
    private static final int NONE = 'N';
    private static final int SETITEMS = 'u';
    private static final int BUILD = 'b';

    private Pickles() {}

    /** {@code ()}: 4 bytes. */
    static byte[] emptyTuple() {
        return new byte[] {(byte) PROTO, 2, EMPTY_TUPLE, STOP};
    }

    /**
     * An object of {@code __torch__.<className>} in training mode without a backward hook: the class found
     * by the loader in {@code code/__torch__.py}, built from an empty tuple, then given its attributes.
     */
    static byte[] module(String className) {
        Writer w = new Writer();
        w.op(PROTO).op(2);
        w.op(GLOBAL).ascii("__torch__\n").ascii(className + "\n").memo();
        w.op(EMPTY_TUPLE).op(NEWOBJ);
        w.op(EMPTY_DICT).op(MARK);
        w.string("training").op(NEWTRUE);
        w.string("_is_full_backward_hook").op(NONE);
        w.op(SETITEMS).op(BUILD).op(STOP);
        return w.out.toByteArray();
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int memo;

        Writer op(int b) {
            out.write(b);
            return this;
        }

        Writer ascii(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** BINUNICODE: a 4-byte little-endian length, then UTF-8; memoised as libtorch's pickler does. */
        Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op(BINUNICODE);
            for (int i = 0; i < 4; i++) {
                out.write((b.length >>> (8 * i)) & 0xff);
            }
            out.writeBytes(b);
            return memo();
        }

        Writer memo() {
            op(BINPUT).op(memo++);
            return this;
        }
    }
}
