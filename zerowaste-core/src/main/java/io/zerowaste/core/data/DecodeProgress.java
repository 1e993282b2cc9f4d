package io.zerowaste.core.data;

/** What a data-set load reports while it decodes images, and the notes it has for the user. */
public interface DecodeProgress {

    /** {@code done} of {@code total} images of {@code split} decoded. */
    void decoded(String split, int done, int total);

    /** A one-line note (skipped files, the cache used, the held-out test split). */
    void note(String line);

    DecodeProgress SILENT = new DecodeProgress() {
        @Override
        public void decoded(String split, int done, int total) {}

        @Override
        public void note(String line) {}
    };
}
