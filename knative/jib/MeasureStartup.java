import dev.baton.local.EmbeddedKafka;
import dev.baton.local.EmbeddedMongo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Startup-to-ready time of each function jar: from starting `java -jar` until GET /health/readiness
 * answers 200, with Kafka and MongoDB embedded in this JVM (baton-local). Run by measure-startup.sh,
 * which pins this JVM to one CPU and the function to the other, as a container with a 1-CPU limit.
 *
 * Modes: the JDK 17 default; the image's JVM flags; those flags plus an AppCDS archive made by a
 * training run (-XX:ArchiveClassesAtExit); and, with a JDK 25, the default and flags plus an AOT cache
 * made by a training run (-XX:AOTCacheOutput). Each figure is the median of RUNS starts.
 */
public class MeasureStartup {
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75",
            "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--train")) {
            trainForImage(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]), args[3]);
            return;
        }
        Path repo = Path.of(args[0]).toAbsolutePath();
        String java17 = args[1];
        String java25 = args.length > 2 ? args[2] : null;
        int runs = Integer.parseInt(System.getProperty("runs", "5"));
        String cpu = System.getProperty("functionCpu", "0");
        Path work = Files.createTempDirectory("baton-startup");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
             EmbeddedMongo mongo = EmbeddedMongo.inMemory(0)) {
            kafka.createTopics(List.of("user-create", "user-approve", "user-approve-response", "user-create-response",
                    "user-create.dlq", "user-approve.dlq", "user-approve-response.dlq", "user-create-response.dlq"), 6);
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "MONGODB_URI",
                    mongo.connectionString(), "BATON_LOCAL_DELIVERY_ENABLED", "false", "PORT", "18080");
            System.out.printf("%-10s %-34s %8s %8s %8s%n", "function", "mode", "median", "min", "max");
            for (String function : List.of("approval", "operation", "user")) {
                Path jar = repo.resolve("functions/" + function + "/target/baton-" + function + ".jar");
                Path cds = work.resolve(function + ".jsa");
                Path aot = work.resolve(function + ".aot");
                measure(function, "jdk17 java -jar", runs, cpu, env, java17, List.of(), jar);
                measure(function, "jdk17 + flags", runs, cpu, env, java17, FLAGS, jar);
                train(cpu, env, java17, concat(FLAGS, "-XX:ArchiveClassesAtExit=" + cds), jar);
                measure(function, "jdk17 + flags + AppCDS", runs, cpu, env, java17, concat(FLAGS, "-XX:SharedArchiveFile=" + cds), jar);
                if (java25 != null) {
                    measure(function, "jdk25 java -jar", runs, cpu, env, java25, List.of(), jar);
                    train(cpu, env, java25, concat(FLAGS, "-XX:AOTCacheOutput=" + aot), jar);
                    measure(function, "jdk25 + flags + AOT cache", runs, cpu, env, java25, concat(FLAGS, "-XX:AOTCache=" + aot), jar);
                }
            }
        }
    }

    /**
     * The archive baked into an image (make-archive.sh): a training run in the jar's folder with the jar
     * named relatively, as the image runs it from its working directory /app. The archive file name
     * decides the kind: .jsa for AppCDS (JDK 17+), .aot for the AOT cache (JDK 25+).
     */
    static void trainForImage(Path jar, Path archive, String java) throws Exception {
        Path work = Files.createTempDirectory("baton-train");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
             EmbeddedMongo mongo = EmbeddedMongo.inMemory(0)) {
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "MONGODB_URI",
                    mongo.connectionString(), "BATON_LOCAL_DELIVERY_ENABLED", "false", "PORT", "18080");
            String output = archive.toString().endsWith(".aot") ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(FLAGS);
            command.addAll(List.of(output + archive.getFileName(), "-jar", jar.getFileName().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile()).inheritIO();
            builder.environment().putAll(env);
            Process process = builder.start();
            System.out.println("training: ready after " + untilReady(process) + " ms");
            for (int i = 0; i < 20; i++) {
                get("/health/liveness");
            }
            stop(process);
        }
    }

    static void measure(String function, String mode, int runs, String cpu, Map<String, String> env, String java,
                        List<String> flags, Path jar) throws Exception {
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            Process process = start(cpu, env, java, flags, jar);
            millis[i] = untilReady(process);
            stop(process);
        }
        Arrays.sort(millis);
        System.out.printf("%-10s %-34s %6d ms %5d ms %5d ms%n", function, mode, millis[runs / 2], millis[0], millis[runs - 1]);
    }

    /** A training run: start, become ready, serve a few health checks, exit cleanly so the archive is written. */
    static void train(String cpu, Map<String, String> env, String java, List<String> flags, Path jar) throws Exception {
        Process process = start(cpu, env, java, flags, jar);
        untilReady(process);
        for (int i = 0; i < 20; i++) {
            get("/health/liveness");
        }
        stop(process);
    }

    static Process start(String cpu, Map<String, String> env, String java, List<String> flags, Path jar) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpu, java));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }

    static long untilReady(Process process) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("function exited with " + process.exitValue() + " before it was ready");
            }
            if (get("/health/readiness") == 200) {
                return Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("not ready within 60s");
    }

    static int get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:18080" + path)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: the JVM exits normally and writes a CDS archive or AOT cache
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static List<String> concat(List<String> flags, String flag) {
        List<String> all = new ArrayList<>(flags);
        all.add(flag);
        return all;
    }
}
