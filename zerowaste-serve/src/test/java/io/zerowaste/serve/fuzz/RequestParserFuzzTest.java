package io.zerowaste.serve.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.serve.BadRequest;
import io.zerowaste.serve.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzzes the predict request parser: whole JSON bodies, and PNG bytes inside a well-formed body (the
 * fuzzer would rarely get a PNG past base64 by itself). {@link BadRequest} (a 4xx) and
 * {@link ZeroWasteException} are clean refusals; anything else is a finding.
 */
class RequestParserFuzzTest {

    private static final RequestParser PARSER = new RequestParser(28, 28, 64);
    private static final RequestParser SMALL = new RequestParser(2, 2, 4);

    @FuzzTest(maxDuration = "60s")
    void requestBody(byte[] body) {
        parse(SMALL, body);
    }

    @FuzzTest(maxDuration = "60s")
    void pngImage(byte[] png) {
        String body = "{\"images_base64\": [\"" + Base64.getEncoder().encodeToString(png) + "\"]}";
        parse(PARSER, body.getBytes(StandardCharsets.US_ASCII));
        parse(SMALL, body.getBytes(StandardCharsets.US_ASCII));
    }

    private static void parse(RequestParser parser, byte[] body) {
        try {
            float[][] images = parser.parse(body);
            for (float[] image : images) {
                for (float px : image) {
                    if (!(px >= 0 && px <= 255)) {
                        throw new AssertionError("pixel " + px + " outside 0..255 from an accepted request");
                    }
                }
            }
        } catch (BadRequest | ZeroWasteException expected) {
            // a clean refusal
        }
    }
}
