package dev.baton.local;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A launcher in its own JVM for {@link LocalStackTest}: two fake functions on the Kafka at {@code args[0]},
 * with the children's environment of the real one; prints {@link #UP} once they are ready, then runs until killed.
 */
public final class FakeLauncher {

    static final String UP = "fake launcher: up";

    public static void main(String[] args) throws InterruptedException {
        LocalStack.start(LocalStackTest.configOnKafka(
                List.of(FakeFunction.spec("operation", "serve"), FakeFunction.spec("user", "serve")), args[0]));
        System.out.println(UP);
        new CountDownLatch(1).await();
    }
}
