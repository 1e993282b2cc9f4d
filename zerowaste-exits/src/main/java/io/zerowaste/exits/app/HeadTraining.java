package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.ztw.EnsembleTrainer;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingHook;
import io.zerowaste.nn.train.TrainingLoop;
import java.util.List;
import java.util.function.Consumer;

/**
 * The early-exit training steps on a frozen backbone, shared by a fresh run ({@link ExitsTraining}) and by a
 * model update that retrains the heads and ensembles of an updated backbone: the heads jointly (Adam, cosine),
 * then, for ZTW, the ensembles on cached log-probabilities.
 */
public final class HeadTraining {

    private HeadTraining() {}

    /** Freezes the backbone, trains the heads for {@code cfg.headEpochs()}, then the ensembles if the model has them. */
    public static void train(EarlyExitModel model, BatchAssembler train, BatchAssembler validation, Augmentation aug, ExitsConfig cfg,
            NDManager manager, List<TrainingHook> hooks, Consumer<String> log) {
        model.freezeBackbone();
        if (model.ensemble() != null) {
            model.ensemble().freezeParameters(true);
        }
        log.accept("training " + (model.cascade() ? "cascaded (ZTW)" : "independent (SDN/PBEE)") + " heads (" + cfg.headEpochs() + " epochs)");
        TrainConfig hc = new TrainConfig(model.backbone().spec().name(), cfg.headEpochs(), cfg.batchSize(), TrainConfig.ADAM,
                cfg.headLearningRate(), 0.9, 0, TrainConfig.COSINE, aug.padding(), aug.flip(), cfg.seed() + 1, 0);
        new TrainingLoop(model, new HeadsObjective(model), manager, hc, aug, hooks).run(train, validation, TrainingHistory.empty());
        if (model.ensemble() != null) {
            model.freezeHeads();
            model.ensemble().freezeParameters(false);
            log.accept("training the ZTW ensembles (" + cfg.ensembleEpochs() + " epochs on cached log-probabilities)");
            EnsembleTrainer.train(model, manager, train, cfg.ensembleEpochs(), cfg.ensembleLearningRate(), cfg.ensembleBatch(), cfg.seed());
        }
    }
}
