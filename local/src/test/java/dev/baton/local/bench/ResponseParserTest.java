package dev.baton.local.bench;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseParserTest {

    private final ResponseParser parser = new ResponseParser();

    @Test
    void contentLengthBodyArrivingInPieces() {
        String response = "HTTP/1.1 202 Accepted\r\nLocation: /operations/abc\r\ncontent-length: 11\r\n"
                + "Content-Type: application/json\r\n\r\n{\"id\":\"ab\"}";
        for (int i = 0; i < response.length() - 1; i++) {
            parser.append(bytes(response.substring(i, i + 1)));
            assertNull(parser.parse(false), "incomplete after " + (i + 1) + " bytes");
        }
        parser.append(bytes(response.substring(response.length() - 1)));

        ResponseParser.Response parsed = parser.parse(false);
        assertNotNull(parsed);
        assertEquals(202, parsed.status());
        assertEquals("/operations/abc", parsed.location());
        assertEquals("{\"id\":\"ab\"}", new String(parsed.body(), StandardCharsets.UTF_8));
        assertTrue(parsed.keepAlive());
    }

    @Test
    void chunkedBody() {
        parser.append(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n"));
        assertNull(parser.parse(false));
        parser.append(bytes("3;ext=1\r\n:1}\r\n0\r\n"));
        assertNull(parser.parse(false), "waits for the final empty line");
        parser.append(bytes("\r\n"));

        assertEquals("{\"a\":1}", new String(parser.parse(false).body(), StandardCharsets.UTF_8));
    }

    @Test
    void bodyUntilCloseAndConnectionClose() {
        parser.append(bytes("HTTP/1.0 404 Not Found\r\n\r\nnope"));
        assertNull(parser.parse(false));
        ResponseParser.Response parsed = parser.parse(true);
        assertEquals(404, parsed.status());
        assertEquals("nope", new String(parsed.body(), StandardCharsets.UTF_8));
        assertFalse(parsed.keepAlive());

        parser.reset();
        parser.append(bytes("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
        assertFalse(parser.parse(false).keepAlive());
    }

    @Test
    void rejectsWhatIsNotHttp() {
        parser.append(bytes("SSH-2.0-OpenSSH\r\n\r\n"));
        assertThrows(IllegalStateException.class, () -> parser.parse(false));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
