package dev.baton.deploycheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** `terraform fmt -check -recursive`, the one terraform command that needs no providers. */
final class TerraformFmt {
    private TerraformFmt() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The files terraform would reformat (empty when all are formatted). */
    static List<String> unformatted(Path directory) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-list=true")
                .directory(directory.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException("terraform fmt did not finish");
        }
        List<String> files = out.lines().filter(l -> !l.isBlank()).toList();
        if (p.exitValue() != 0 && files.isEmpty()) {
            throw new IllegalStateException("terraform fmt failed without listing files (a syntax error?) in " + directory);
        }
        return files;
    }
}
