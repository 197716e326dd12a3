package dev.baton.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.eventing.parent.ParentWatch;

/**
 * Stands in for a function jar in launcher tests: {@code serve} answers its readiness probe at once,
 * {@code unready} never does, {@code crash} dies at start, {@code serve-once <file>} serves at its first start and
 * dies at every later one (it leaves {@code file} behind). {@code GET /env?NAME} echoes an environment variable,
 * {@code POST /exit} exits with code 3. Like a function, it exits when its parent dies if
 * {@code BATON_PARENT_WATCH_ENABLED} is true. When it is stopped it appends to {@code FAKE_STOP_FILE}
 * (if set) whether its Kafka and MongoDB still answered, so that a test can tell in which order the
 * stack stopped. (A file: once the launcher has sent SIGTERM, Java has closed its end of the child's output.)
 */
public final class FakeFunction {

    public static void main(String[] args) throws IOException {
        if ("true".equals(System.getenv("BATON_PARENT_WATCH_ENABLED"))) {
            ParentWatch.start(Duration.ofMillis(500), () -> {
                System.out.println("fake function: parent gone, exiting");
                System.exit(0);
            });
        }
        String stopFile = System.getenv("FAKE_STOP_FILE");
        if (stopFile != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> appendLine(Path.of(stopFile), "port " + System.getenv("PORT")
                    + " stopped, Kafka up: " + answers(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                    + ", MongoDB up: " + answers(System.getenv("MONGODB_URI")))));
        }
        String mode = mode(args);
        if (mode.equals("crash")) {
            System.out.println("fake function: cannot start, boom");
            System.exit(7);
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health/readiness", exchange -> respond(exchange, mode.equals("serve") ? 200 : 503, mode));
        server.createContext("/env", exchange -> {
            String value = System.getenv(exchange.getRequestURI().getQuery());
            respond(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.createContext("/exit", exchange -> {
            respond(exchange, 200, "bye");
            System.out.println("fake function: exiting as asked");
            System.exit(3);
        });
        server.start();
        System.out.println("fake function: listening on " + port);
    }

    /** A child of the launcher that runs this class with {@code args}. */
    static FunctionSpec spec(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(FunctionSpec.javaExecutable(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FakeFunction.class.getName()));
        command.addAll(List.of(args));
        return new FunctionSpec(name, 0, command, null);
    }

    private static String mode(String[] args) throws IOException {
        String mode = args.length == 0 ? "serve" : args[0];
        if (!mode.equals("serve-once")) {
            return mode;
        }
        Path started = Path.of(args[1]);
        if (Files.exists(started)) {
            return "crash";
        }
        Files.createFile(started);
        return "serve";
    }

    private static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("fake function: could not write " + file + ": " + e);
        }
    }

    /** Whether something listens at the first host:port of a bootstrap list or a mongodb:// URI. */
    private static boolean answers(String address) {
        if (address == null) {
            return false;
        }
        String hostPort = address.replaceFirst("^mongodb://", "").split("[,/?]")[0];
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
