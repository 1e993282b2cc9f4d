package io.zerowaste.cli;

import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.Table;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zerowaste info}: what a bundle holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a bundle's manifest: architecture, MACs per stage, parameter count, provenance.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle folder.")
    Path model;

    @Option(names = "--json", description = "Print the whole manifest as JSON.")
    boolean json;

    @Override
    public Integer call() {
        BundleManifest m = ModelBundle.readManifest(model);
        ModelBundle.readParameters(model, m); // checks the checksum, so 'info' also validates the bundle
        if (json) {
            Console.out(Json.toString(m));
            return ZeroWasteCli.OK;
        }
        var a = m.architecture();
        Table t = new Table("bundle", model.toString())
                .row("kind", m.kind())
                .row("format version", m.formatVersion())
                .row("input shape", a.channels() + "x" + a.height() + "x" + a.width() + " (channels x height x width, "
                        + (a.channels() == 1 ? "grey" : "colour") + ")")
                .row("architecture", a.name() + ", input " + a.channels() + "x" + a.height() + "x" + a.width() + ", "
                        + a.numClasses() + " classes")
                .row("classes", String.join(", ", m.classNames()))
                .row("parameters", String.format("%,d", m.params()))
                .row("normalization", normalization(m.normalization()))
                .row("MACs per sample", String.format("%,d", ((Number) m.macs().get("total")).longValue()));
        List<?> stages = (List<?>) m.macs().get("stages");
        for (int i = 0; i < stages.size(); i++) {
            t.row("  stage " + i, String.format("%,d", ((Number) stages.get(i)).longValue()));
        }
        t.row("  classifier", String.format("%,d", ((Number) m.macs().get("classifier")).longValue()));
        t.row("  not counted", m.macs().get("not_counted"));
        if (ExitsBundle.KIND.equals(m.kind())) {
            ExitsBundleInfo e = ExitsBundleInfo.of(m.extra(), model);
            t.row("early-exit method", e.method() + ", " + e.policy() + " policy, calibrated setting " + e.param() + " ("
                    + e.paramRule() + ")");
            t.row("exit cost fractions", e.exitCostFraction());
        }
        t.row("version", m.version() + (m.lineage() == null ? " (no lineage: a trained, never updated bundle)" : ""));
        if (m.lineage() != null) {
            var l = m.lineage();
            t.row("  parent", l.parent() == null ? "none (first version)" : l.parent())
                    .row("  made by", l.strategy() + (l.newClasses().isEmpty() ? "" : ", new classes " + String.join(", ", l.newClasses())))
                    .row("  classes known", l.classesKnown())
                    .row("  training MACs", String.format("%,d this version, %,d the whole lineage", l.trainingMacs(), l.lineageTrainingMacs()))
                    .row("  threshold", l.threshold() + " (" + l.rule().replace('_', ' ') + " " + l.ruleValue() + ")")
                    .row("  replay memory", l.memoryFile() == null ? "none" : l.memorySamples() + " of " + l.memoryCapacity() + " images in "
                            + l.memoryFile());
        }
        if (m.metrics() != null) {
            m.metrics().forEach((k, v) -> {
                if (!(v instanceof List)) {
                    t.row("metric " + k, v);
                }
            });
        }
        var p = m.provenance();
        if (p != null) {
            t.row("dataset", p.datasetName() + " (" + p.datasetHash() + ")")
                    .row("seed", p.seed())
                    .row("trained", p.startTime() + ", " + String.format("%.0f s", p.wallSeconds()))
                    .row("code", "zerowaste " + p.projectVersion() + (p.gitCommit() == null ? "" : " @ " + p.gitCommit()))
                    .row("engine", "DJL " + p.djlVersion() + ", PyTorch " + p.pytorchVersion())
                    .row("machine", p.os() + " " + p.arch() + ", Java " + p.javaVersion());
        }
        Console.out(t);
        return ZeroWasteCli.OK;
    }

    /** "mean 0.2860, std 0.3530", or per channel for colour. */
    static String normalization(io.zerowaste.core.data.Normalization n) {
        if (n.channels() == 1) {
            return String.format(java.util.Locale.ROOT, "mean %.4f, std %.4f", n.mean(), n.std());
        }
        StringBuilder sb = new StringBuilder("per channel");
        for (int c = 0; c < n.channels(); c++) {
            sb.append(String.format(java.util.Locale.ROOT, "%s mean %.4f std %.4f", c == 0 ? ":" : ";", n.mean(c), n.std(c)));
        }
        return sb.toString();
    }
}
