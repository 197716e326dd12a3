package dev.baton.deploycheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Syntax errors hcl4j lets through: it parses an unclosed block or an attribute without a value
 * without complaint. This scanner follows strings (with ${...} inside), heredocs and comments, and
 * reports unbalanced braces, brackets and parentheses and lines that end in a bare '='.
 */
final class HclSyntax {
    private HclSyntax() {
    }

    static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {delimiter, line}
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '#' || (c == '/' && next(text, i) == '/')) {
                i = text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i);
            } else if (c == '/' && next(text, i) == '*') {
                int end = text.indexOf("*/", i + 2);
                line += count(text, i, end < 0 ? text.length() : end);
                i = end < 0 ? text.length() : end + 2;
            } else if (c == '<' && text.startsWith("<<", i) && heredocMarker(text, i) != null) {
                String marker = heredocMarker(text, i);
                int bodyStart = text.indexOf('\n', i) + 1;
                int end = findHeredocEnd(text, bodyStart, marker);
                if (end < 0) {
                    problems.add("line " + line + ": heredoc " + marker + " is not closed");
                    return problems;
                }
                line += count(text, i, end);
                i = end;
            } else if (c == '"') {
                int end = endOfString(text, i + 1);
                if (end < 0) {
                    problems.add("line " + line + ": string is not closed");
                    return problems;
                }
                line += count(text, i, end);
                i = end + 1;
            } else if ("{[(".indexOf(c) >= 0) {
                open.push(new int[]{c, line});
                i++;
            } else if ("}])".indexOf(c) >= 0) {
                char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
                if (open.isEmpty() || open.peek()[0] != expected) {
                    problems.add("line " + line + ": unexpected '" + c + "'");
                    return problems;
                }
                open.pop();
                i++;
            } else if (c == '=' && restOfLineIsBlank(text, i + 1) && i > 0 && "=!<>".indexOf(text.charAt(i - 1)) < 0) {
                problems.add("line " + line + ": '=' without a value");
                i++;
            } else {
                i++;
            }
        }
        for (int[] unclosed : open) {
            problems.add("line " + unclosed[1] + ": '" + (char) unclosed[0] + "' is never closed");
        }
        return problems;
    }

    /** Index of the closing quote, skipping escapes and ${...} templates (which may hold strings). */
    private static int endOfString(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i;
            } else if (c == '$' && next(text, i) == '{') {
                int depth = 1;
                i += 2;
                while (i < text.length() && depth > 0) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        int end = endOfString(text, i + 1);
                        if (end < 0) {
                            return -1;
                        }
                        i = end;
                    } else if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                    }
                    i++;
                }
            } else if (c == '\n') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String heredocMarker(String text, int i) {
        int start = i + 2 + (next(text, i + 1) == '-' ? 1 : 0);
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end > start && end < text.length() && text.charAt(end) == '\n' ? text.substring(start, end) : null;
    }

    private static int findHeredocEnd(String text, int from, String marker) {
        int i = from;
        while (i < text.length()) {
            int lineEnd = text.indexOf('\n', i);
            String candidate = text.substring(i, lineEnd < 0 ? text.length() : lineEnd).trim();
            if (candidate.equals(marker)) {
                return lineEnd < 0 ? text.length() : lineEnd;
            }
            if (lineEnd < 0) {
                return -1;
            }
            i = lineEnd + 1;
        }
        return -1;
    }

    private static boolean restOfLineIsBlank(String text, int i) {
        while (i < text.length() && text.charAt(i) != '\n') {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == '#';
            }
            i++;
        }
        return true;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static char next(String text, int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    }
}
