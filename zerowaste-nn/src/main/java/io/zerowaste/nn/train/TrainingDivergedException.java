package io.zerowaste.nn.train;

import io.zerowaste.core.ZeroWasteException;

/** The loss became NaN or infinite: a setting (learning rate, a regularizer's strength) is too strong for the data. */
public final class TrainingDivergedException extends ZeroWasteException {

    public TrainingDivergedException(String message) {
        super(Kind.FAILURE, message);
    }
}
