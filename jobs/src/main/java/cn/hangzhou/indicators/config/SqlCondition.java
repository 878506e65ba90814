package cn.hangzhou.indicators.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whitelist grammar of a condition a configuration pastes into SQL (the catalogue's {@code record_filter},
 * {@code cause_filter}, {@code holder_filter}): a boolean expression over column names and literals, nothing else.
 *
 * <pre>
 * condition := or
 * or        := and { OR and }
 * and       := not { AND not }
 * not       := NOT not | predicate
 * predicate := operand [ ( = | &lt;&gt; | != | &lt; | &lt;= | &gt; | &gt;= ) operand
 *                      | [NOT] IN ( literal { , literal } )
 *                      | [NOT] BETWEEN operand AND operand
 *                      | [NOT] LIKE 'text'
 *                      | IS [NOT] ( NULL | TRUE | FALSE ) ]
 * operand   := 'text' | number | TRUE | FALSE | NULL | column | function ( operand { , operand } ) | ( or )
 * column    := name [ . name ]          name := [A-Za-z_][A-Za-z0-9_]*, not a keyword
 * function  := substr | substring | upper | lower | trim | length | coalesce
 * </pre>
 * Texts have no backslash; anything else (semicolons, comments, backquotes, double quotes, arithmetic, other
 * functions, subqueries) is refused.
 */
public final class SqlCondition {

    /** The functions a condition may call. */
    public static final Set<String> FUNCTIONS = Set.of("substr", "substring", "upper", "lower", "trim", "length", "coalesce");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "between", "like", "is", "null", "true", "false");
    /** Words that are never a column of a condition: they would start a query, a join or another statement. */
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "union", "intersect", "except", "join", "exists",
            "with", "insert", "delete", "update", "merge", "drop", "create", "alter", "truncate", "grant", "set", "table", "values",
            "limit", "order", "group", "having", "case", "when", "then", "else", "end", "cast", "lateral", "over", "all", "any");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    /** Written for a user: the grammar in a sentence. */
    public static final String GRAMMAR = "a condition over column names with = <> != < <= > >=, IN ('a', 'b'), BETWEEN x AND y,"
            + " LIKE 'text', IS [NOT] NULL, AND, OR, NOT, parentheses, 'text' and number literals and the functions "
            + String.join(", ", FUNCTIONS.stream().sorted().toList());

    private enum Kind { WORD, TEXT, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int position) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }
    }

    private final String text;
    private final List<Token> tokens;
    private int next;

    private SqlCondition(String text) {
        this.text = text;
        this.tokens = tokens(text);
    }

    /**
     * Returns the text when it is a condition of the grammar.
     *
     * @throws IllegalArgumentException naming what is not allowed and where (1-based character position)
     */
    public static String check(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the condition is empty (write true for no condition)");
        }
        SqlCondition condition = new SqlCondition(text);
        condition.or();
        condition.expectEnd();
        return text;
    }

    private void or() {
        and();
        while (peek().is("or")) {
            next++;
            and();
        }
    }

    private void and() {
        not();
        while (peek().is("and")) {
            next++;
            not();
        }
    }

    private void not() {
        if (peek().is("not")) {
            next++;
            not();
        } else {
            predicate();
        }
    }

    private void predicate() {
        operand();
        Token token = peek();
        if (token.kind() == Kind.SYMBOL && COMPARISONS.contains(token.text())) {
            next++;
            operand();
            return;
        }
        if (token.is("is")) {
            next++;
            if (peek().is("not")) {
                next++;
            }
            Token what = take();
            if (!what.is("null") && !what.is("true") && !what.is("false")) {
                throw refused(what, "IS must be followed by [NOT] NULL, TRUE or FALSE");
            }
            return;
        }
        if (token.is("not")) {
            next++;
            token = peek();
            if (!token.is("in") && !token.is("between") && !token.is("like")) {
                throw refused(token, "NOT here must be followed by IN, BETWEEN or LIKE");
            }
        }
        if (token.is("in")) {
            next++;
            expect("(");
            do {
                literal();
            } while (skip(","));
            expect(")");
        } else if (token.is("between")) {
            next++;
            operand();
            Token and = take();
            if (!and.is("and")) {
                throw refused(and, "BETWEEN x needs AND y");
            }
            operand();
        } else if (token.is("like")) {
            next++;
            Token pattern = take();
            if (pattern.kind() != Kind.TEXT) {
                throw refused(pattern, "LIKE takes a 'text' pattern");
            }
        }
    }

    private void operand() {
        Token token = take();
        switch (token.kind()) {
            case TEXT, NUMBER -> {
            }
            case SYMBOL -> {
                if (!token.is("(")) {
                    throw refused(token, "a column, a literal or ( was expected");
                }
                or();
                expect(")");
            }
            case WORD -> {
                String word = token.text().toLowerCase(Locale.ROOT);
                if (word.equals("true") || word.equals("false") || word.equals("null")) {
                    return;
                }
                if (peek().is("(")) {
                    if (!FUNCTIONS.contains(word)) {
                        throw refused(token, "function '" + token.text() + "' is not allowed");
                    }
                    next++;
                    do {
                        operand();
                    } while (skip(","));
                    expect(")");
                    return;
                }
                name(token);
                if (skip(".")) {
                    name(take());
                }
            }
            case END -> throw refused(token, "the condition ends where a column or a literal was expected");
        }
    }

    private void literal() {
        Token token = take();
        if (token.kind() != Kind.TEXT && token.kind() != Kind.NUMBER && !token.is("true") && !token.is("false")) {
            throw refused(token, "an IN list holds only 'text' and number literals");
        }
    }

    private void name(Token token) {
        String word = token.text().toLowerCase(Locale.ROOT);
        if (token.kind() != Kind.WORD || KEYWORDS.contains(word) || RESERVED.contains(word)) {
            throw refused(token, "a column name was expected");
        }
    }

    private void expect(String symbol) {
        Token token = take();
        if (!token.is(symbol)) {
            throw refused(token, "'" + symbol + "' was expected");
        }
    }

    private boolean skip(String symbol) {
        if (peek().is(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind() != Kind.END) {
            throw refused(token, "the condition should end here");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private IllegalArgumentException refused(Token token, String reason) {
        String found = token.kind() == Kind.END ? "the end" : "'" + token.text() + "'";
        return new IllegalArgumentException(reason + ", found " + found + " at character " + (token.position() + 1)
                + " of \"" + text + "\"");
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("the text literal at character " + (i + 1) + " of \"" + text + "\" is not closed");
                }
                String literal = text.substring(i + 1, close);
                if (literal.indexOf('\\') >= 0) {
                    throw new IllegalArgumentException("the text literal at character " + (i + 1) + " of \"" + text
                            + "\" holds a backslash, which Spark reads as an escape");
                }
                tokens.add(new Token(Kind.TEXT, text.substring(i, close + 1), start));
                i = close + 1;
            } else if (isAsciiDigit(c)) {
                while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                    i++;
                }
                if (i + 1 < text.length() && text.charAt(i) == '.' && isAsciiDigit(text.charAt(i + 1))) {
                    i++;
                    while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (isNameStart(c)) {
                while (i < text.length() && (isNameStart(text.charAt(i)) || isAsciiDigit(text.charAt(i)))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            } else if ((c == '<' || c == '>' || c == '!') && i + 1 < text.length()
                    && COMPARISONS.contains(text.substring(i, i + 2))) {
                tokens.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), start));
                i += 2;
            } else if ("=<>(),.".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
                i++;
            } else {
                throw new IllegalArgumentException("character '" + text.substring(i, i + Character.charCount(text.codePointAt(i)))
                        + "' at character " + (i + 1) + " of \"" + text + "\" is not allowed in a condition");
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
        return tokens;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
}
