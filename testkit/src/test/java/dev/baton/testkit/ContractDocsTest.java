package dev.baton.testkit;

import dev.baton.eventing.contract.BatonEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event table in docs/architecture.md says what the contract in code says: each type, its topic and payload. */
class ContractDocsTest {
    private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
    private static final Pattern TYPE = Pattern.compile("`(dev\\.baton\\.[a-z.]+)`");

    @ParameterizedTest
    @EnumSource(BatonEventType.class)
    void everyTypeHasARowWithItsTopicAndPayload(BatonEventType type) throws IOException {
        List<String> rows = rows().stream().filter(row -> row.contains("`" + type.type() + "`")).toList();
        assertEquals(1, rows.size(), "one row of the event table for " + type.type() + ": " + rows);
        String row = rows.get(0);
        assertTrue(row.contains("`" + type.topic().topicName() + "`"), type.topic().topicName() + " missing in " + row);
        assertTrue(row.contains("`" + type.payloadType().getSimpleName() + " "), type.payloadType().getSimpleName() + " missing in " + row);
    }

    @Test
    void theTableNamesNoTypeOutsideTheContract() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String row : rows()) {
            Matcher type = TYPE.matcher(row);
            while (type.find()) {
                documented.add(type.group(1));
            }
        }
        assertEquals(Stream.of(BatonEventType.values()).map(BatonEventType::type).collect(Collectors.toCollection(TreeSet::new)), documented);
    }

    /** The rows of the table whose columns are step, type, topic, from → to and payload. */
    private static List<String> rows() throws IOException {
        return Files.readAllLines(ARCHITECTURE).stream()
                .filter(line -> line.startsWith("| ") && line.contains("`dev.baton.") && line.contains(" → "))
                .toList();
    }
}
