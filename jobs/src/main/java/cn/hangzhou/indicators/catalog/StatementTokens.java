package cn.hangzhou.indicators.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement cut the way Spark's lexer cuts it, for checking what it names: comments ({@code --}, nested
 * {@code /* *}{@code /}) dropped, text literals ({@code '...'}, {@code "..."}, raw {@code r'...'}) and backquoted
 * names ({@code `a``b`}) given by their value, everything else as words and single symbols.
 */
final class StatementTokens {

    enum Kind { WORD, QUOTED_NAME, TEXT, DOUBLE_QUOTED, SYMBOL }

    record Token(Kind kind, String text) {

        /** Something Spark may read as a name: double quotes too ({@code spark.sql.ansi.doubleQuotedIdentifiers}). */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME || kind == Kind.DOUBLE_QUOTED;
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
        }
    }

    private StatementTokens() {
    }

    static List<Token> of(String statement) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = statement.length();
        while (i < length) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && statement.charAt(i + 1) == '-') {
                while (i < length && statement.charAt(i) != '\n' && statement.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && statement.charAt(i + 1) == '*') {
                i = afterComment(statement, i);
            } else if ((c == 'r' || c == 'R') && i + 1 < length && (statement.charAt(i + 1) == '\'' || statement.charAt(i + 1) == '"')) {
                char quote = statement.charAt(i + 1);
                int close = statement.indexOf(quote, i + 2);
                int end = close < 0 ? length : close;
                tokens.add(new Token(quote == '"' ? Kind.DOUBLE_QUOTED : Kind.TEXT, statement.substring(i + 2, end)));
                i = end + 1;
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < length && statement.charAt(i) != c) {
                    if (statement.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    value.append(statement.charAt(i));
                    i++;
                }
                tokens.add(new Token(c == '"' ? Kind.DOUBLE_QUOTED : Kind.TEXT, value.toString()));
                i++;
            } else if (c == '`') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < length) {
                    if (statement.charAt(i) == '`') {
                        if (i + 1 < length && statement.charAt(i + 1) == '`') {
                            value.append('`');
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    value.append(statement.charAt(i));
                    i++;
                }
                tokens.add(new Token(Kind.QUOTED_NAME, value.toString()));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(statement.charAt(i)) || statement.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, statement.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** Spark's bracketed comments nest. */
    private static int afterComment(String statement, int start) {
        int depth = 0;
        int i = start;
        while (i < statement.length()) {
            if (statement.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (statement.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }
}
