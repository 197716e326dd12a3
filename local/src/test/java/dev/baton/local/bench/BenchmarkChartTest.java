package dev.baton.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class BenchmarkChartTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void drawsTwoRunsAsAPngOfTheDocumentedSize() throws Exception {
        Path picture = dir.resolve("results/run.png");

        BenchmarkChart.write(picture, "baton bench 'synthetic': 100 signups/s offered", List.of(run(20), run(15)));

        byte[] bytes = Files.readAllBytes(picture);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(picture.toFile());
        assertNotNull(image, "ImageIO reads it as an image");
        assertEquals(BenchmarkChart.WIDTH, image.getWidth());
        assertEquals(BenchmarkChart.HEIGHT, image.getHeight());
    }

    @Test
    void drawsARunWithoutCpuFiguresOrFinishedSignups() throws Exception {
        Path picture = dir.resolve("idle.png");
        List<Timeline.Point> idle = List.of(new Timeline.Point(1, "warmup", 0, 0, Double.NaN, Double.NaN, Map.of()),
                new Timeline.Point(2, "measure", 0, 0, Double.NaN, Double.NaN, Map.of()));

        BenchmarkChart.write(picture, "idle", List.of(idle));

        assertEquals(BenchmarkChart.WIDTH, ImageIO.read(picture.toFile()).getWidth());
    }

    @Test
    void thePictureSitsBesideTheResultFile() {
        assertEquals(Path.of("bench-results/2026-01-01-label.png"), BenchmarkChart.pictureOf(Path.of("bench-results/2026-01-01-label.json")));
        assertEquals(Path.of("out.txt.png"), BenchmarkChart.pictureOf(Path.of("out.txt")));
    }

    /** Warmup for a fifth, then a ramp to 100/s, latencies growing with the load, CPU of three processes. */
    private static List<Timeline.Point> run(int seconds) {
        List<Timeline.Point> points = new ArrayList<>();
        for (int s = 1; s <= seconds; s++) {
            String phase = s <= seconds / 5 ? "warmup" : s <= seconds - 2 ? "measure" : "drain";
            double rate = phase.equals("drain") ? 0 : Math.min(100, 10.0 * s);
            points.add(new Timeline.Point(s, phase, rate, rate * 0.95, 20 + rate / 4, 60 + rate,
                    Map.of("operation", rate / 200, "user", rate / 150, "approval", rate / 400)));
        }
        return points;
    }
}
