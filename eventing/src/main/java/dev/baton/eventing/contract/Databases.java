package dev.baton.eventing.contract;

/**
 * The MongoDB databases of the stateful functions, named as in the original demo. Constants, so the
 * repositories can name them in their annotations; {@link BatonFunction#databaseName()} and the
 * Terraform that creates them (checked by deploy-check) use the same names.
 */
public final class Databases {
    public static final String OPERATION = "operation_service";
    public static final String USER = "user_service";

    private Databases() {
    }
}
