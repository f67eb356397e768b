package io.persona.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A plain horizontal bar chart as a PNG, drawn with the JDK alone (headless AWT): labels, bars, values, whiskers. */
final class BarChart {
  /** One bar; {@code low} and {@code high} draw a min-max whisker when they differ from the value. */
  record Bar(String label, double value, double low, double high, Color colour) {
    Bar(String label, double value, Color colour) {
      this(label, value, value, value, colour);
    }
  }

  static final Color CEILING = new Color(0x9E9E9E);
  static final Color APP = new Color(0x1565C0);
  static final Color GOAL = new Color(0xC62828);

  private static final int WIDTH = 900;
  private static final int ROW = 46;
  private static final int LABEL = 300;
  private static final int MARGIN = 20;

  private BarChart() {}

  /** @param goal a value to mark with a dashed line, or NaN */
  static void write(Path file, String title, String unit, List<Bar> bars, double goal) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = 70 + bars.size() * ROW + 30;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, MARGIN, 30);
    double max = bars.stream().mapToDouble(b -> Math.max(b.high(), b.value())).max().orElse(1);
    if (!Double.isNaN(goal)) {
      max = Math.max(max, goal);
    }
    max *= 1.15;
    int plot = WIDTH - LABEL - 2 * MARGIN;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = 60 + i * ROW;
      g.setColor(Color.BLACK);
      g.drawString(bar.label(), MARGIN, y + 20);
      int length = (int) Math.round(bar.value() / max * plot);
      g.setColor(bar.colour());
      g.fillRect(LABEL, y + 4, Math.max(1, length), ROW - 16);
      if (bar.high() > bar.low()) {
        int low = LABEL + (int) Math.round(bar.low() / max * plot);
        int high = LABEL + (int) Math.round(bar.high() / max * plot);
        g.setColor(Color.BLACK);
        g.drawLine(low, y + ROW / 2 - 2, high, y + ROW / 2 - 2);
        g.drawLine(low, y + 10, low, y + ROW - 14);
        g.drawLine(high, y + 10, high, y + ROW - 14);
      }
      g.setColor(Color.BLACK);
      int after = LABEL + (int) Math.round(Math.max(bar.value(), bar.high()) / max * plot);
      g.drawString(String.format("%,.0f %s", bar.value(), unit), after + 8, y + 20);
    }
    if (!Double.isNaN(goal)) {
      int x = LABEL + (int) Math.round(goal / max * plot);
      g.setColor(GOAL);
      g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
      g.drawLine(x, 50, x, height - 30);
      g.drawString(String.format("goal %,.0f %s", goal, unit), Math.min(x + 4, WIDTH - 160), height - 12);
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
