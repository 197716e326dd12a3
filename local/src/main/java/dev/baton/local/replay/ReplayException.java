package dev.baton.local.replay;

/** A replay that cannot go on, with a message that says what to do and the exit code to end with. */
public final class ReplayException extends RuntimeException {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNKNOWN_TOPIC = 3;
    public static final int UNREACHABLE = 4;
    public static final int BEFORE_RETENTION = 5;
    public static final int GROUP_NOT_EMPTY = 6;
    public static final int REJECTED = 7;
    public static final int VIEWS_DIFFER = 8;

    private final int exitCode;

    public ReplayException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static ReplayException usage(String message) {
        return new ReplayException(USAGE, message);
    }
}
