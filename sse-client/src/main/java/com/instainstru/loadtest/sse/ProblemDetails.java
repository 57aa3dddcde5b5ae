package com.instainstru.loadtest.sse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two fields of an RFC 9457 problem-JSON body the error messages need ({@code detail}, else {@code title},
 * and the backend's {@code code}). A tolerant scan of top-level-looking string members, not a JSON parser: the
 * body may be cut at {@link SseHttpException#BODY_EXCERPT_LIMIT} bytes, and a bad body must never hide the
 * status.
 */
record ProblemDetails(String detail, String code) {

    private static final ProblemDetails NONE = new ProblemDetails(null, null);

    static ProblemDetails parse(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return NONE;
        }
        String detail = stringMember(body, "detail");
        if (detail == null) {
            detail = stringMember(body, "title");
        }
        return new ProblemDetails(detail, stringMember(body, "code"));
    }

    private static String stringMember(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            return null;
        }
        String value = unescape(m.group(1)).strip();
        return value.isEmpty() ? null : value;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    Integer code = i + 4 < s.length() ? hex(s.substring(i + 1, i + 5)) : null;
                    if (code == null) {
                        sb.append("\\u");
                    } else {
                        sb.append((char) code.intValue());
                        i += 4;
                    }
                }
                default -> sb.append(e); // \" \\ \/
            }
        }
        return sb.toString();
    }

    private static Integer hex(String four) {
        try {
            return Integer.parseInt(four, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
