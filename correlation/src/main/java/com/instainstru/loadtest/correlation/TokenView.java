package com.instainstru.loadtest.correlation;

/**
 * Allocation-light scanner for {@link CorrelationToken}s inside raw text: records where the parts of the
 * first well-formed token are, without creating strings. Used on the SSE reader's hot path.
 * Not thread-safe; one instance per scan.
 */
final class TokenView {

    int start;
    int engineStart;
    int engineEnd;
    int senderStart;
    int senderEnd;
    long seq;
    long epochMicros;
    /** Exclusive end of the token. */
    int end;

    /** Finds the first well-formed token in {@code text}; false if there is none. */
    boolean find(CharSequence text) {
        int from = 0;
        while (true) {
            int at = indexOfPrefix(text, from);
            if (at < 0) {
                return false;
            }
            if (parseAt(text, at)) {
                return true;
            }
            from = at + 1;
        }
    }

    private static int indexOfPrefix(CharSequence text, int from) {
        if (text instanceof String) {
            return ((String) text).indexOf(CorrelationToken.PREFIX, from);
        }
        int last = text.length() - CorrelationToken.PREFIX.length();
        for (int i = from; i <= last; i++) {
            if (text.charAt(i) == 'e' && text.charAt(i + 1) == '2' && text.charAt(i + 2) == 'e' && text.charAt(i + 3) == '.') {
                return i;
            }
        }
        return -1;
    }

    /** Parses a token that starts exactly at {@code at} (at the "e2e." prefix). */
    boolean parseAt(CharSequence text, int at) {
        int len = text.length();
        if (at < 0 || at + CorrelationToken.PREFIX.length() > len
                || text.charAt(at) != 'e' || text.charAt(at + 1) != '2' || text.charAt(at + 2) != 'e' || text.charAt(at + 3) != '.') {
            return false;
        }
        int i = at + CorrelationToken.PREFIX.length();
        int es = i;
        while (i < len && CorrelationToken.isEngineChar(text.charAt(i))) {
            i++;
        }
        int ee = i;
        if (ee == es || ee - es > CorrelationToken.MAX_ENGINE_ID_LENGTH || i >= len || text.charAt(i) != '.') {
            return false;
        }
        i++;
        int ss = i;
        while (i < len && CorrelationToken.isSenderChar(text.charAt(i))) {
            i++;
        }
        int se = i;
        if (se == ss || se - ss > CorrelationToken.MAX_SENDER_ID_LENGTH || i >= len || text.charAt(i) != '.') {
            return false;
        }
        i++;
        int seqStart = i;
        long seqValue = 0;
        while (i < len && isDigit(text.charAt(i))) {
            seqValue = seqValue * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == seqStart || i - seqStart > CorrelationToken.MAX_NUMBER_DIGITS || i >= len || text.charAt(i) != '.') {
            return false;
        }
        i++;
        int epochStart = i;
        long epochValue = 0;
        while (i < len && isDigit(text.charAt(i))) {
            epochValue = epochValue * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == epochStart || i - epochStart > CorrelationToken.MAX_NUMBER_DIGITS || !isBoundary(text, i)) {
            return false;
        }
        start = at;
        engineStart = es;
        engineEnd = ee;
        senderStart = ss;
        senderEnd = se;
        seq = seqValue;
        epochMicros = epochValue;
        end = i;
        return true;
    }

    /**
     * The token must not run on into more token-like text ("...123x", "...123.5"), but may be followed by a
     * JSON escape, a quote, a space or a sentence-ending dot.
     */
    private static boolean isBoundary(CharSequence text, int i) {
        int len = text.length();
        if (i >= len) {
            return true;
        }
        char c = text.charAt(i);
        if (c == '.') {
            return i + 1 >= len || !CorrelationToken.isSenderChar(text.charAt(i + 1));
        }
        return !CorrelationToken.isSenderChar(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True if the engine part equals {@code engineId}, compared in place. */
    boolean engineIs(CharSequence text, String engineId) {
        int n = engineEnd - engineStart;
        if (n != engineId.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (text.charAt(engineStart + k) != engineId.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** True if the sender part equals {@code senderId}, compared in place. */
    boolean senderIs(CharSequence text, String senderId) {
        int n = senderEnd - senderStart;
        if (n != senderId.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (text.charAt(senderStart + k) != senderId.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    String engineId(CharSequence text) {
        return text.subSequence(engineStart, engineEnd).toString();
    }

    String senderId(CharSequence text) {
        return text.subSequence(senderStart, senderEnd).toString();
    }

    String tokenText(CharSequence text) {
        return text.subSequence(start, end).toString();
    }

    /** "engine.sender": identifies a sender across engines. */
    String senderKey(CharSequence text) {
        return text.subSequence(engineStart, senderEnd).toString();
    }

    CorrelationToken toToken(CharSequence text) {
        return CorrelationToken.of(engineId(text), senderId(text), seq, epochMicros);
    }
}
