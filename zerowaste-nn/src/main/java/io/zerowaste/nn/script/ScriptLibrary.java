package io.zerowaste.nn.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled scripted functions, one per distinct source, kept for the life of the process: compiling costs
 * tens of milliseconds and a function holds no weights, so every inference form of the same shape shares it.
 */
public final class ScriptLibrary {

    private static final Map<TorchScriptArchive, ScriptedFunction> COMPILED = new ConcurrentHashMap<>();

    private ScriptLibrary() {}

    public static ScriptedFunction function(TorchScriptArchive archive) {
        return COMPILED.computeIfAbsent(archive, ScriptedFunction::load);
    }
}
