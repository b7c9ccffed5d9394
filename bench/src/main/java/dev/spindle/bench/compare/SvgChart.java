package dev.spindle.bench.compare;

import java.util.List;
import java.util.Locale;

/**
 * The report's figures as an SVG bar chart: one panel per workload, one bar per system at its median
 * wall time, a whisker from the fastest to the slowest run, and the ratio to Spindle beside it.
 */
final class SvgChart {
    private static final String[] COLORS = {"#2b6cb0", "#4299e1", "#dd6b20", "#f6ad55", "#38a169", "#805ad5", "#718096"};
    private static final int WIDTH = 860;
    private static final int LABEL = 190;
    private static final int BAR = 18;
    private static final int GAP = 6;

    private SvgChart() {
    }

    static String render(Report report, List<String> systems, List<Workload> workloads, String title) {
        int plot = WIDTH - LABEL - 150;
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Workload w : workloads) {
            long max = 1;
            for (String s : systems) {
                max = Math.max(max, report.stats(s, w).max());
            }
            body.append(text(10, y + 14, w.id(), "bold", 14));
            y += 24;
            for (int i = 0; i < systems.size(); i++) {
                String s = systems.get(i);
                Stats st = report.stats(s, w);
                body.append(text(LABEL - 8, y + 13, s, "normal", 12).replace("<text ", "<text text-anchor=\"end\" "));
                if (st.any()) {
                    double scale = (double) plot / max;
                    int len = (int) Math.max(1, st.median() * scale);
                    body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                            LABEL, y, len, BAR, COLORS[i % COLORS.length]));
                    int x1 = LABEL + (int) (st.min() * scale);
                    int x2 = LABEL + (int) (st.max() * scale);
                    body.append(String.format(Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1a202c\" stroke-width=\"1.5\"/>%n",
                            x1, y + BAR / 2, x2, y + BAR / 2));
                    double ratio = report.ratio(s, w);
                    String label = Report.secs(st.median()) + " s" + (Double.isNaN(ratio) ? ""
                            : String.format(Locale.ROOT, "  (%.2f×)", ratio));
                    body.append(text(Math.max(LABEL + len, x2) + 6, y + 13, label, "normal", 12));
                } else {
                    body.append(text(LABEL + 4, y + 13, "no run counted", "italic", 12));
                }
                y += BAR + GAP;
            }
            y += 14;
        }
        String footer = "median wall time, whisker: min–max; (×) ratio to " + report.reference();
        body.append(text(10, y + 6, footer, "normal", 11));
        int height = y + 20;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + text(10, 22, title, "bold", 16) + body + "</svg>\n";
    }

    private static String text(int x, int y, String s, String weight, int size) {
        String style = weight.equals("italic") ? "font-style=\"italic\"" : "font-weight=\"" + weight + "\"";
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" %s>%s</text>%n", x, y, size, style,
                s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }
}
