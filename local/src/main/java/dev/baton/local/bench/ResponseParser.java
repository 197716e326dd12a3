package dev.baton.local.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Collects the bytes of one HTTP/1.1 response and says when it is complete: body by Content-Length, chunked, or
 * up to the end of the connection. The operation API's responses are small, so it simply parses again from the
 * start after each read instead of keeping a state machine.
 */
final class ResponseParser {

    record Response(int status, String location, byte[] body, boolean keepAlive) {
    }

    private byte[] bytes = new byte[2048];
    private int length;

    void reset() {
        length = 0;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void append(ByteBuffer buffer) {
        int count = buffer.remaining();
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        buffer.get(bytes, length, count);
        length += count;
    }

    /** The response if all of it has arrived, else null; {@code atEnd} when the server closed the connection. */
    Response parse(boolean atEnd) {
        int headersEnd = indexOf(bytes, 0, length, "\r\n\r\n");
        if (headersEnd < 0) {
            return null;
        }
        String head = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        String[] statusParts = statusLine.split(" ", 3);
        if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/")) {
            throw new IllegalStateException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusParts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean keepAlive = !statusParts[0].equals("HTTP/1.0");
        String location = null;
        while (lineEnd >= 0) {
            int start = lineEnd + 2;
            lineEnd = head.indexOf("\r\n", start);
            String line = lineEnd < 0 ? head.substring(start) : head.substring(start, lineEnd);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                case "connection" -> keepAlive = !value.equalsIgnoreCase("close")
                        && (keepAlive || value.equalsIgnoreCase("keep-alive"));
                default -> {
                }
            }
        }
        int bodyStart = headersEnd + 4;
        byte[] body;
        if (status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (chunked) {
            body = dechunk(bodyStart);
            if (body == null) {
                return null;
            }
        } else if (contentLength >= 0) {
            if (length - bodyStart < contentLength) {
                return null;
            }
            body = Arrays.copyOfRange(bytes, bodyStart, bodyStart + (int) contentLength);
        } else {
            if (!atEnd) {
                return null;
            }
            body = Arrays.copyOfRange(bytes, bodyStart, length);
            keepAlive = false;
        }
        return new Response(status, location, body, keepAlive);
    }

    private byte[] dechunk(int from) {
        byte[] body = new byte[0];
        int position = from;
        while (true) {
            int lineEnd = indexOf(bytes, position, length, "\r\n");
            if (lineEnd < 0) {
                return null;
            }
            String sizeText = new String(bytes, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
            int dataStart = lineEnd + 2;
            if (size == 0) {
                // the last chunk is followed by optional trailers and an empty line
                int end = indexOf(bytes, lineEnd, length, "\r\n\r\n");
                return end < 0 ? null : body;
            }
            if (length < dataStart + size + 2) {
                return null;
            }
            int old = body.length;
            body = Arrays.copyOf(body, old + size);
            System.arraycopy(bytes, dataStart, body, old, size);
            position = dataStart + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, String pattern) {
        byte[] needle = pattern.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
