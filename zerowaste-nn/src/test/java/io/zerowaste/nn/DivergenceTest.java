package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.train.Objective;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A loss that turns non-finite stops training with a message, instead of training on NaN weights. */
class DivergenceTest {

    @Test
    void aNonFiniteLossStopsTrainingWithAMessage() {
        Engines.pytorch();
        Dataset d = Fixture.load();
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            Objective exploding = new Objective() {
                @Override
                public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
                    NDArray out = net.forward(ps, new NDList(x), true).singletonOrThrow();
                    return out.sum().mul(Float.POSITIVE_INFINITY);
                }

                @Override
                public double validate(NDManager manager, BatchAssembler validation) {
                    return 0;
                }
            };
            TrainConfig cfg = TrainConfig.defaults().withEpochs(1);
            TrainingLoop loop = new TrainingLoop(net, exploding, m, cfg, Augmentation.NONE, List.of());
            BatchAssembler data = new BatchAssembler(d.train(), Normalization.fit(d.train()));
            assertThatThrownBy(() -> loop.run(data, data, TrainingHistory.empty()))
                    .isInstanceOf(ZeroWasteException.class).hasMessageContaining("training diverged at epoch 1, step 1");
        }
    }
}
