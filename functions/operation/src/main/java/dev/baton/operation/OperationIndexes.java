package dev.baton.operation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Indexes;
import dev.baton.eventing.contract.Databases;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** The expiry sweep looks for pending operations by deadline. */
@Singleton
public class OperationIndexes implements ApplicationEventListener<StartupEvent> {
    private final MongoClient client;

    public OperationIndexes(MongoClient client) {
        this.client = client;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        client.getDatabase(Databases.OPERATION).getCollection(Operation.COLLECTION)
                .createIndex(Indexes.ascending("state", "deadline"));
    }
}
