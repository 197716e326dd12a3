package dev.baton.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vector selectors of a PromQL expression, as a dashboard writes it (with Grafana's $variables),
 * found by a tokenizer that follows PromQL's lexical rules rather than by one regular expression: an
 * identifier is a metric name unless it is a keyword, an aggregation or a function (followed by "("),
 * a label name inside a selector's braces or a by/without/on/ignoring/group_left/group_right list, or
 * part of a range or an offset. Strings are opaque, so a metric-like word in label_replace's arguments
 * is not taken for a metric. An unbalanced bracket, an unknown function or a character PromQL does not
 * have is an error, so a broken expression cannot pass by yielding no names.
 */
final class PromQl {
    /** One vector selector: the metric name and the label names its matchers use. */
    record Selector(String metric, Set<String> labels) {
    }

    private enum Kind { IDENTIFIER, NUMBER, STRING, VARIABLE, OPERATOR, OPEN, CLOSE, COMMA, COLON }

    private record Token(Kind kind, String text, int at) {
        boolean is(String value) {
            return text.equals(value);
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> BINARY_KEYWORDS = Set.of("and", "or", "unless", "atan2", "bool");
    /** PromQL's functions (Prometheus 3.x), and start()/end() of the @ modifier. */
    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh",
            "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
            "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "delta", "deriv",
            "double_exponential_smoothing", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction",
            "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta",
            "increase", "info", "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
            "mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear",
            "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh",
            "sort", "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time",
            "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year", "start", "end");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final String expression;
    private final List<Token> tokens;

    private PromQl(String expression) {
        this.expression = expression;
        this.tokens = tokenize(expression);
    }

    /** Every vector selector of the expression, in order. */
    static List<Selector> selectors(String expression) {
        return new PromQl(expression).parse();
    }

    /** The metric names the expression reads. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        selectors(expression).forEach(s -> names.add(s.metric()));
        return names;
    }

    /** Grafana variables ($name, ${name}, ${name:format}) anywhere in the text, strings included. */
    static Set<String> variables(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE_USE.matcher(expression);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }

    private List<Selector> parse() {
        List<Selector> selectors = new ArrayList<>();
        checkBalanced();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("[")) {
                i = closing(i); // a range or subquery: durations, steps, variables
            } else if (token.is("{")) {
                int end = closing(i);
                selectors.add(new Selector(nameMatcher(i, end), matcherLabels(i, end)));
                i = end;
            } else if (token.kind() == Kind.IDENTIFIER) {
                i = identifier(i, selectors);
            }
        }
        return selectors;
    }

    /** Handles the identifier at i and returns the index of the last token it consumed. */
    private int identifier(int i, List<Selector> selectors) {
        String word = tokens.get(i).text();
        String lower = word.toLowerCase(Locale.ROOT);
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        boolean call = next != null && next.is("(");
        if (GROUPING.contains(lower)) {
            if (!call && !lower.startsWith("group_")) {
                throw error(tokens.get(i), "'" + word + "' must be followed by a label list");
            }
            return call ? closing(i + 1) : i; // group_left/group_right may stand without a list
        }
        if (lower.equals("offset")) {
            int duration = i + 1;
            if (duration < tokens.size() && tokens.get(duration).is("-")) {
                duration++;
            }
            if (duration >= tokens.size() || !Set.of(Kind.NUMBER, Kind.VARIABLE).contains(tokens.get(duration).kind())) {
                throw error(tokens.get(i), "offset needs a duration");
            }
            return duration;
        }
        if (BINARY_KEYWORDS.contains(lower) || lower.equals("inf") || lower.equals("nan")) {
            return i;
        }
        if (AGGREGATIONS.contains(lower) && (call || (next != null && GROUPING.contains(next.text().toLowerCase(Locale.ROOT))))) {
            return i;
        }
        if (call) {
            if (!FUNCTIONS.contains(word)) {
                throw error(tokens.get(i), "unknown function " + word + "()");
            }
            return i;
        }
        if (next != null && next.is("{")) {
            int end = closing(i + 1);
            String named = nameMatcher(i + 1, end);
            if (named != null) {
                throw error(tokens.get(i), "metric " + word + " also has a __name__ matcher");
            }
            selectors.add(new Selector(word, matcherLabels(i + 1, end)));
            return end;
        }
        selectors.add(new Selector(word, Set.of()));
        return i;
    }

    /** The metric a {__name__="..."} selector names; an error for {__name__=~...}, which names no one metric. */
    private String nameMatcher(int open, int close) {
        for (int j = open + 1; j + 2 < close; j++) {
            if (tokens.get(j).is("__name__")) {
                Token operator = tokens.get(j + 1);
                Token value = tokens.get(j + 2);
                if (!operator.is("=") || value.kind() != Kind.STRING) {
                    throw error(operator, "__name__ must be matched with = and a string, so the metric it reads is known");
                }
                return unquote(value.text());
            }
        }
        if (close == open + 1) {
            throw error(tokens.get(open), "an empty selector {} reads no named metric");
        }
        return null;
    }

    /** Label names of the matchers between open and close: name, operator, string, separated by commas. */
    private Set<String> matcherLabels(int open, int close) {
        Set<String> labels = new LinkedHashSet<>();
        int j = open + 1;
        while (j < close) {
            Token name = tokens.get(j);
            Token operator = j + 1 < close ? tokens.get(j + 1) : null;
            Token value = j + 2 < close ? tokens.get(j + 2) : null;
            if (name.kind() != Kind.IDENTIFIER || operator == null || !Set.of("=", "!=", "=~", "!~").contains(operator.text())
                    || value == null || value.kind() != Kind.STRING) {
                throw error(name, "a label matcher is name, one of = != =~ !~, and a string");
            }
            if (!name.is("__name__")) {
                labels.add(name.text());
            }
            j += 3;
            if (j < close && !tokens.get(j).is(",")) {
                throw error(tokens.get(j), "label matchers are separated by commas");
            }
            j++;
        }
        return labels;
    }

    private int closing(int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (token.kind() == Kind.OPEN) {
                depth++;
            } else if (token.kind() == Kind.CLOSE && --depth == 0) {
                return j;
            }
        }
        throw error(tokens.get(open), "'" + tokens.get(open).text() + "' is never closed");
    }

    private void checkBalanced() {
        List<Token> open = new ArrayList<>();
        for (Token token : tokens) {
            if (token.kind() == Kind.OPEN) {
                open.add(token);
            } else if (token.kind() == Kind.CLOSE) {
                if (open.isEmpty() || !pair(open.remove(open.size() - 1).text()).equals(token.text())) {
                    throw error(token, "unbalanced '" + token.text() + "'");
                }
            }
        }
        if (!open.isEmpty()) {
            throw error(open.get(open.size() - 1), "'" + open.get(open.size() - 1).text() + "' is never closed");
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty PromQL expression");
        }
    }

    private static String pair(String open) {
        return switch (open) {
            case "(" -> ")";
            case "[" -> "]";
            default -> "}";
        };
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == ':')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), start));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                // numbers (0.99, 1e3, 0x1f) and durations (5m, 1h30m, 500ms) alike
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || (text.charAt(i) == '+' || text.charAt(i) == '-') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                        && !text.substring(start, i).startsWith("0x"))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (c == '"' || c == '\'' || c == '`') {
                i++;
                while (i < text.length() && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' && c != '`' ? 2 : 1;
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException("unterminated string at " + start + " in: " + text);
                }
                i++;
                tokens.add(new Token(Kind.STRING, text.substring(start, i), start));
            } else if (c == '$') {
                Matcher m = VARIABLE_USE.matcher(text).region(i, text.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("'$' that is not a Grafana variable at " + i + " in: " + text);
                }
                i = m.end();
                tokens.add(new Token(Kind.VARIABLE, text.substring(start, i), start));
            } else if ("([{".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.OPEN, String.valueOf(c), i++));
            } else if (")]}".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.CLOSE, String.valueOf(c), i++));
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", i++));
            } else if (c == ':') {
                tokens.add(new Token(Kind.COLON, ":", i++));
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                    tokens.add(new Token(Kind.OPERATOR, two, i));
                    i += 2;
                } else if ("+-*/%^<>=@".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), i++));
                } else {
                    throw new IllegalArgumentException("character '" + c + "' at " + i + " is not PromQL: " + text);
                }
            }
        }
        return tokens;
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    private IllegalArgumentException error(Token at, String message) {
        return new IllegalArgumentException(message + " (at " + at.at() + " in: " + expression + ")");
    }
}
