package io.zerowaste.nn.engine;

import io.zerowaste.core.ZeroWasteException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --precision} for both command lines (zerowaste-cli and zerowaste-spark's), turning a bad value into
 * picocli's one-line usage error. It lives beside {@link Precision} because neither command line may import the
 * other; picocli is an optional dependency of this module, present only where a command line is.
 */
public final class PrecisionConverter implements ITypeConverter<Precision> {

    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value);
        } catch (ZeroWasteException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
