package dev.baton.user;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.baton.eventing.contract.Databases;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** One user per operation, enforced by the database rather than by a read before the write. */
@Singleton
public class UserIndexes implements ApplicationEventListener<StartupEvent> {
    private final MongoClient client;

    public UserIndexes(MongoClient client) {
        this.client = client;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        client.getDatabase(Databases.USER).getCollection(User.COLLECTION)
                .createIndex(Indexes.ascending("operationId"), new IndexOptions().unique(true).name("operationId_unique"));
    }
}
