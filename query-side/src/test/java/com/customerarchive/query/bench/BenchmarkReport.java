package com.customerarchive.query.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as report.json, report.md (with the targets of issue 6) and chart.svg. */
final class BenchmarkReport {

    private final Map<String, Object> results;

    private BenchmarkReport(Map<String, Object> results) {
        this.results = results;
    }

    static void write(Map<String, Object> results, Path directory) throws IOException {
        Files.createDirectories(directory);
        BenchmarkReport report = new BenchmarkReport(results);
        results.put("targets", report.targets());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("report.json").toFile(),
                results);
        Files.writeString(directory.resolve("report.md"), report.markdown());
        Files.writeString(directory.resolve("chart.svg"), report.chart());
        System.out.println();
        System.out.println(report.markdown());
    }

    // ---- targets -----------------------------------------------------------------------------------------

    record Target(String figure, String target, double measured, String unit, boolean met) {
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        double ratio8 = number("writes", 1, "ratio");
        targets.add(new Target("writes at 8 clients, share of the baseline", ">= 20 %", ratio8 * 100, "%", ratio8 >= 0.2));
        double allCpu8 = number("writes", 1, "writes", "allCpuMsPerCommand");
        targets.add(new Target("all CPU per command at 8 clients (every process)", "<= 1.5 ms", allCpu8, "ms",
                allCpu8 <= 1.5));
        double p99at1 = number("writes", 0, "writes", "p99Ms");
        targets.add(new Target("write latency at 1 client, p99", "<= 10 ms", p99at1, "ms", p99at1 <= 10));
        double lag = number("projectionLag", "p99Ms");
        targets.add(new Target("projection lag p99 under the 8-client load", "<= 50 ms", lag, "ms", lag <= 50));
        double delivery = number("liveDelivery", "p99Ms");
        targets.add(new Target("live SSE delivery p99 under the 8-client load (acknowledgement to event)", "<= 100 ms",
                delivery, "ms", delivery <= 100));
        double twenty = number("feed", "twenty", "eventsPerSecondInAll");
        // ten times what twenty subscribers delivered in all before their pages were shared (16,226 events/s)
        targets.add(new Target("twenty SSE subscribers from position 0, in all", ">= 162,260 events/s", twenty,
                "events/s", twenty >= 162_260));
        double replay = number("replay", "eventsPerSecond");
        targets.add(new Target("rebuild of all read models (one pass)", ">= 20,000 events/s", replay, "events/s", replay >= 20_000));
        double importMinutes = number("import", "minutesFor100000");
        targets.add(new Target("import of 100,000 customer rows (at the measured rate)", "<= 10 min", importMinutes,
                "min", importMinutes <= 10));
        double profile = number("reads", "profile", "p99Ms");
        targets.add(new Target("profile read p99 (8 readers, access trail on)", "<= 5 ms", profile, "ms", profile <= 5));
        double history = number("reads", "history", "p99Ms");
        targets.add(new Target("history of the long customer p99 (8 readers)", "<= 50 ms", history, "ms", history <= 50));
        double asOf = number("reads", "asOf", "p99Ms");
        targets.add(new Target("as-of of the long customer p99 (8 readers)", "<= 100 ms", asOf, "ms", asOf <= 100));
        double ratioP50 = number("longHistory", "ratioP50");
        double ratioP99 = number("longHistory", "ratioP99");
        targets.add(new Target("long-history vs new customer latency, p50", "<= 1.5x", ratioP50, "x", ratioP50 <= 1.5));
        targets.add(new Target("long-history vs new customer latency, p99", "<= 1.5x", ratioP99, "x", ratioP99 <= 1.5));
        if (results.get("scale") instanceof Map<?, ?> scale && scale.get("versusFirst") instanceof Map<?, ?> ratios) {
            for (var ratio : ratios.entrySet()) {
                double value = ((Number) ratio.getValue()).doubleValue();
                targets.add(new Target(ratio.getKey() + " at " + scale.get("events") + " events vs the first store",
                        "<= 1.2x", value, "x", value <= 1.2));
            }
        }
        for (String app : List.of("command-side", "query-side")) {
            double heap = number("memory", app, "peakHeapUsedMiB");
            targets.add(new Target("peak heap, " + app, "<= 512 MiB", heap, "MiB", heap <= 512));
        }
        return targets;
    }

    // ---- Markdown ------------------------------------------------------------------------------------------

    String markdown() {
        StringBuilder md = new StringBuilder();
        Map<?, ?> machine = (Map<?, ?>) results.get("machine");
        Map<?, ?> options = (Map<?, ?>) results.get("options");
        md.append("# Customer Archive benchmark\n\n");
        md.append("Measured ").append(machine.get("date")).append(" on ").append(machine.get("cpus")).append(" CPUs (")
                .append(machine.get("cpuModel")).append("), ").append(machine.get("memory")).append(" RAM, ")
                .append(machine.get("java")).append(", ").append(machine.get("postgresql")).append(" (")
                .append(machine.get("database")).append("; ").append(machine.get("postgresqlSettings")).append(").\n");
        md.append("Load generator, both apps (").append(options.get("appJvmOptions")).append(") and PostgreSQL share the machine. ")
                .append("Options: ").append(options).append(".\n\n");

        md.append("## Targets\n\n| figure | target | measured | met |\n|---|---|---|---|\n");
        for (Target target : targets()) {
            md.append("| ").append(target.figure()).append(" | ").append(target.target()).append(" | ")
                    .append(format(target.measured())).append(' ').append(target.unit()).append(" | ")
                    .append(target.met() ? "yes" : "**no**").append(" |\n");
        }

        md.append("\n## Writes (mix: 10 % register, 30 % card edit, 35 % visit, 10 % grade, 15 % complaint step)\n\n");
        md.append("| clients | commands/s | p50 ms | p95 ms | p99 ms | errors | baseline inserts/s | baseline p50 / p99 ms | share of baseline |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Object level : (List<?>) results.get("writes")) {
            Map<?, ?> l = (Map<?, ?>) level;
            Map<?, ?> w = (Map<?, ?>) l.get("writes");
            Map<?, ?> b = (Map<?, ?>) l.get("baseline");
            md.append("| ").append(l.get("clients")).append(" | ").append(w.get("perSecond")).append(" | ")
                    .append(w.get("p50Ms")).append(" | ").append(w.get("p95Ms")).append(" | ").append(w.get("p99Ms"))
                    .append(" | ").append(w.get("errors")).append(" | ").append(b.get("perSecond")).append(" | ")
                    .append(b.get("p50Ms")).append(" / ").append(b.get("p99Ms")).append(" | ")
                    .append(format(((Number) l.get("ratio")).doubleValue() * 100)).append(" % |\n");
        }
        md.append("\nCPU per command (ms), from /proc, while the write mix ran:\n\n");
        md.append("| clients | command-side | query-side | PostgreSQL | load generator | all | group-committed commands "
                + "(per commit) |\n|---|---|---|---|---|---|---|\n");
        for (Object level : (List<?>) results.get("writes")) {
            Map<?, ?> l = (Map<?, ?>) level;
            Map<?, ?> w = (Map<?, ?>) l.get("writes");
            md.append("| ").append(l.get("clients")).append(" | ").append(w.get("commandSideCpuMsPerCommand"))
                    .append(" | ").append(w.get("querySideCpuMsPerEvent")).append(" | ")
                    .append(w.get("postgresCpuMsPerCommand")).append(" | ").append(w.get("loadGeneratorCpuMsPerCommand"))
                    .append(" | ").append(w.get("allCpuMsPerCommand")).append(" | ").append(w.get("groupCommitted"))
                    .append(" (").append(w.get("commandsPerGroupCommit")).append(") |\n");
        }
        md.append("\nBaseline: the same number of plain JDBC INSERTs of ~500-byte JSON rows into a copy of the event "
                + "table (same columns, keys and indexes), one row per transaction, at the same concurrency.\n");
        md.append("Set-up: ").append(results.get("setUp")).append(" (registrations at 32 clients).\n");
        if (results.get("bulkWrites") != null) {
            md.append("\n## Bulk writes (1,000 registrations sent at once; a client told busy sends again after Retry-After)\n\n")
                    .append(results.get("bulkWrites")).append("\n");
        }

        md.append("\n## Projection lag (8-client load)\n\n").append(results.get("projectionLag"))
                .append("\n\nTime from a command's acknowledgement until query-side's profile shows its version.\n");
        md.append("\n## Live delivery (8-client load)\n\n").append(results.get("liveDelivery"))
                .append("\n\nTime from each command's acknowledgement until its event arrives at an SSE subscriber "
                        + "connected at the head (every command of the run).\n");
        md.append("\n## A customer with a long history\n\n").append(results.get("longHistory")).append('\n');

        md.append("\n## Reads (8 concurrent readers)\n\n| read | reads/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        ((Map<?, ?>) results.get("reads")).forEach((name, value) -> {
            Map<?, ?> r = (Map<?, ?>) value;
            md.append("| ").append(name).append(" | ").append(r.get("perSecond")).append(" | ").append(r.get("p50Ms"))
                    .append(" | ").append(r.get("p95Ms")).append(" | ").append(r.get("p99Ms")).append(" | ")
                    .append(r.get("errors")).append(" |\n");
        });
        md.append("\n## Import (a CSV customer list, as the clerk)\n\n").append(results.get("import")).append('\n');
        md.append("\n## Replay\n\n").append(results.get("replay")).append('\n');
        md.append("\n## The live pass catching up on the copied events (every read model and the feed)\n\n")
                .append(results.get("catchUp")).append('\n');
        if (results.containsKey("scale")) {
            md.append("\n## At scale (--scale)\n\n").append(results.get("scale")).append('\n');
        }
        md.append("\n## Feed (SSE subscribers from position 0: one alone, then twenty at once)\n\n")
                .append(results.get("feed")).append('\n');
        md.append("\n## Memory (peaks while the benchmark ran)\n\n").append(results.get("memory")).append('\n');
        md.append("\n![throughput and latency per concurrency](chart.svg)\n");
        return md.toString();
    }

    // ---- chart ---------------------------------------------------------------------------------------------

    String chart() {
        List<?> levels = (List<?>) results.get("writes");
        int n = levels.size();
        double[] commands = new double[n];
        double[] inserts = new double[n];
        double[][] latency = new double[n][3];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            Map<?, ?> level = (Map<?, ?>) levels.get(i);
            Map<?, ?> writes = (Map<?, ?>) level.get("writes");
            labels[i] = level.get("clients") + " client" + ("1".equals(String.valueOf(level.get("clients"))) ? "" : "s");
            commands[i] = ((Number) writes.get("perSecond")).doubleValue();
            inserts[i] = ((Number) ((Map<?, ?>) level.get("baseline")).get("perSecond")).doubleValue();
            latency[i] = new double[]{((Number) writes.get("p50Ms")).doubleValue(),
                    ((Number) writes.get("p95Ms")).doubleValue(), ((Number) writes.get("p99Ms")).doubleValue()};
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"400\" font-family=\"sans-serif\" "
                + "font-size=\"12\">\n<rect width=\"960\" height=\"400\" fill=\"white\"/>\n");
        panel(svg, 40, "Throughput per second", labels, new double[][]{inserts, commands},
                new String[]{"PostgreSQL baseline inserts/s", "archive commands/s"}, new String[]{"#9aa5b1", "#2b6cb0"});
        double[][] byPercentile = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 3; p++) {
                byPercentile[p][i] = latency[i][p];
            }
        }
        panel(svg, 510, "Write latency (ms)", labels, byPercentile, new String[]{"p50", "p95", "p99"},
                new String[]{"#68d391", "#f6ad55", "#e53e3e"});
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, int left, String title, String[] labels, double[][] series,
                              String[] names, String[] colours) {
        int top = 50;
        int height = 280;
        int width = 410;
        double max = 0;
        for (double[] values : series) {
            for (double value : values) {
                max = Math.max(max, value);
            }
        }
        max = max <= 0 ? 1 : max * 1.15;
        svg.append(text(left + width / 2, 25, title, "middle", 15));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
                left, top + height, left + width, top + height));
        int group = width / labels.length;
        int bar = Math.max(8, (group - 20) / series.length);
        for (int i = 0; i < labels.length; i++) {
            int x0 = left + i * group + 10;
            for (int s = 0; s < series.length; s++) {
                double value = series[s][i];
                int h = (int) Math.round(value / max * height);
                int x = x0 + s * bar;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                        x, top + height - h, bar - 2, h, colours[s]));
                svg.append(text(x + bar / 2, top + height - h - 4, format(value), "middle", 10));
            }
            svg.append(text(x0 + series.length * bar / 2, top + height + 18, labels[i], "middle", 12));
        }
        for (int s = 0; s < names.length; s++) {
            int y = top + height + 38 + (s / 2) * 16;
            int x = left + (s % 2) * 210;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>\n",
                    x, y - 9, colours[s]));
            svg.append(text(x + 14, y, names[s], "start", 11));
        }
    }

    private static String text(int x, int y, String content, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
                x, y, anchor, size, content);
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A number at a path of map keys and list indexes in the results; NaN where the run has none. */
    private double number(Object... path) {
        Object node = results;
        for (Object step : path) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else if (node instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                node = list.get(index);
            } else {
                return Double.NaN;
            }
        }
        return node instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
