package io.zerowaste.serve;

/** A request the server refuses, with the HTTP status and a message saying what is wrong. */
public final class BadRequest extends RuntimeException {

    private final int status;

    public BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
