package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line as bash would for the quoting printf %q produces: backslashes and single quotes. */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated quote in: " + line);
                }
                word.append(line, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                throw new IllegalArgumentException("$'...' quoting is not supported: " + line);
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
