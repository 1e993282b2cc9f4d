package io.zerowaste.exits.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionFormatTest {

    private static final List<ExitPrediction> PS = List.of(new ExitPrediction(1, 0.875f, 0, 0.25),
            new ExitPrediction(0, 0.5f, 2, 1.0));
    private static final List<String> NAMES = List.of("cat", "dog");

    @Test
    void csvHasOneRowPerImageAfterTheHeader() {
        assertThat(PredictionFormat.of("csv").write(PS, NAMES)).isEqualTo("""
                index,label,class_name,confidence,exit_head,cost_fraction
                0,1,"dog",0.87500,0,0.25000
                1,0,"cat",0.50000,2,1.00000
                """);
    }

    @Test
    void jsonListsThePredictionsInOrder() {
        assertThat(PredictionFormat.of("json").write(PS, NAMES))
                .contains("\"predictions\"", "\"class_name\" : \"dog\"", "\"exit_head\" : 2").endsWith("\n");
    }

    @Test
    void anUnknownFormatIsBadInput() {
        assertThatThrownBy(() -> PredictionFormat.of("xml")).hasMessage("unknown --format 'xml' (use csv or json)");
    }
}
