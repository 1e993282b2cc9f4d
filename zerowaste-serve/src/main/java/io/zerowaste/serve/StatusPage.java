package io.zerowaste.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live page {@code GET /}: one self-contained HTML document (inline CSS, no script, nothing fetched), rendered
 * on the server and refreshed by the browser every two seconds. It shows the served version and its lineage,
 * requests/s and latency, exits per head, MACs saved against the plain backbone, and the swap history.
 * {@code GET /v1/status} gives the same figures as JSON.
 */
final class StatusPage {

    static final int REFRESH_SECONDS = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private StatusPage() {}

    static Map<String, Object> status(InferenceServer server) {
        ServedVersion v = server.served();
        ServerMetrics.Snapshot s = server.metrics().snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_version", v == null ? null : v.version());
        m.put("parent", v == null ? null : v.parent());
        m.put("model", v == null ? null : v.modelId());
        m.put("precision", v == null ? null : v.precision());
        m.put("requests_per_second", s.requestsPerSecond());
        m.put("latency_p50_ms", finite(s.p50Ms()));
        m.put("latency_p99_ms", finite(s.p99Ms()));
        m.put("requests_by_status", s.requestsByStatus());
        m.put("exits_by_head", s.exitsByHead());
        m.put("macs_saved_fraction", s.macsSavedFraction());
        m.put("monitor_accuracy", finite(s.monitorAccuracy()));
        m.put("swaps", s.swaps());
        m.put("failed_swaps", s.failedSwaps());
        List<Map<String, Object>> h = new ArrayList<>();
        for (SwapHistory.Event e : server.history().events()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("at", e.at().toString());
            r.put("from", e.from());
            r.put("to", e.to());
            r.put("ok", e.ok());
            r.put("seconds", e.seconds());
            r.put("error", e.error());
            h.add(r);
        }
        m.put("swap_history", h);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String html(InferenceServer server) {
        ServedVersion v = server.served();
        ServerMetrics.Snapshot s = server.metrics().snapshot();
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>zerowaste serve — ").append(esc(v == null ? "loading" : "version " + v.version())).append("</title>")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}")
                .append("h1{font-size:22px;margin:0 0 4px}.sub{color:#666;margin-bottom:18px}")
                .append(".cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:18px}")
                .append(".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:140px}")
                .append(".card .v{font-size:22px;font-weight:600}.card .k{color:#666;font-size:12px}")
                .append("table{border-collapse:collapse;background:#fff;margin-bottom:18px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}")
                .append(".bar{background:#3b82f6;height:12px;display:inline-block}.ok{color:#15803d}.bad{color:#b91c1c}")
                .append("h2{font-size:16px;margin:14px 0 6px}</style></head><body>");
        b.append("<h1>zerowaste serve · version <span id=\"served-version\">").append(esc(v == null ? "loading" : v.version()))
                .append("</span></h1>");
        if (v != null) {
            b.append("<div class=\"sub\" id=\"lineage\">lineage: ").append(esc(lineage(server, v))).append(" · model ")
                    .append(esc(v.modelId())).append(" · ").append(esc(String.valueOf(v.architecture()))).append(", ")
                    .append(esc(v.shape())).append(" images, ").append(esc(v.precision())).append(" · up ").append(uptime(server.started())).append("</div>");
        } else {
            b.append("<div class=\"sub\">loading the model …</div>");
        }
        b.append("<div class=\"cards\">");
        card(b, "requests/s (10 s)", String.format(Locale.ROOT, "%.1f", s.requestsPerSecond()), "rps");
        card(b, "latency p50", ms(s.p50Ms()), "p50");
        card(b, "latency p99", ms(s.p99Ms()), "p99");
        card(b, "MACs saved vs backbone", String.format(Locale.ROOT, "%.1f %%", 100 * s.macsSavedFraction()), "macs-saved");
        card(b, "swaps / failed", s.swaps() + " / " + s.failedSwaps(), "swaps");
        card(b, "monitor accuracy", Double.isFinite(s.monitorAccuracy())
                ? String.format(Locale.ROOT, "%.2f %%", 100 * s.monitorAccuracy()) : "—", "monitor");
        b.append("</div>");

        b.append("<h2>Exits per head</h2><table id=\"exits\"><tr><th>head</th><th>images</th><th>share</th><th></th></tr>");
        long total = s.exitsByHead().values().stream().mapToLong(Long::longValue).sum();
        int heads = v == null ? 0 : v.predictor().heads();
        for (int h = 0; h < Math.max(heads, s.exitsByHead().size()); h++) {
            long c = s.exitsByHead().getOrDefault(h, 0L);
            double share = total == 0 ? 0 : (double) c / total;
            b.append("<tr><td>").append(h == heads - 1 ? h + " (final)" : String.valueOf(h)).append("</td><td>").append(c).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f %%", 100 * share)).append("</td><td><span class=\"bar\" style=\"width:")
                    .append(Math.round(200 * share)).append("px\"></span></td></tr>");
        }
        b.append("</table>");

        b.append("<h2>Requests by status</h2><table id=\"statuses\"><tr>");
        s.requestsByStatus().forEach((code, c) -> b.append("<th>").append(code).append("</th>"));
        b.append("</tr><tr>");
        s.requestsByStatus().forEach((code, c) -> b.append("<td>").append(c).append("</td>"));
        b.append("</tr></table>");

        b.append("<h2>Swap history</h2><table id=\"swaps\"><tr><th>when (UTC)</th><th>from</th><th>to</th><th>result</th><th>seconds</th></tr>");
        List<SwapHistory.Event> events = new ArrayList<>(server.history().events());
        java.util.Collections.reverse(events);
        for (SwapHistory.Event e : events) {
            b.append("<tr><td>").append(TIME.format(e.at())).append("</td><td>").append(esc(e.from() == null ? "—" : e.from()))
                    .append("</td><td>").append(esc(e.to())).append("</td><td class=\"").append(e.ok() ? "ok\">served" : "bad\">refused: " + esc(e.error()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", e.seconds())).append("</td></tr>");
        }
        b.append("</table><div class=\"sub\">refreshes every ").append(REFRESH_SECONDS)
                .append(" s · JSON at /v1/status · Prometheus at /metrics</div></body></html>");
        return b.toString();
    }

    /** The versions served so far, oldest first, ending at the served one (with its manifest parent if it names one). */
    private static String lineage(InferenceServer server, ServedVersion v) {
        List<String> chain = new ArrayList<>();
        for (SwapHistory.Event e : server.history().events()) {
            if (e.ok() && (chain.isEmpty() || !chain.get(chain.size() - 1).equals(e.to()))) {
                chain.add(e.to());
            }
        }
        String served = String.join(" → ", chain.isEmpty() ? List.of(v.version()) : chain);
        return v.parent() == null ? served : served + " (parent of " + v.version() + ": " + v.parent() + ")";
    }

    private static void card(StringBuilder b, String key, String value, String id) {
        b.append("<div class=\"card\"><div class=\"v\" id=\"").append(id).append("\">").append(esc(value)).append("</div><div class=\"k\">")
                .append(esc(key)).append("</div></div>");
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f ms", v) : "—";
    }

    private static String uptime(Instant started) {
        long s = Duration.between(started, Instant.now()).getSeconds();
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
