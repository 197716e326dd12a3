package dev.baton.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.baton.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class against the one running {@link Stack}: its API, and its MongoDB to check what the functions stored. */
abstract class OnTheStack {
    static LocalStack stack;
    static Api api;
    static MongoClient mongo;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        api = new Api(stack.apiUrl());
        mongo = MongoClients.create(stack.mongoUri());
    }

    @AfterAll
    static void closeClient() {
        mongo.close();
    }
}
