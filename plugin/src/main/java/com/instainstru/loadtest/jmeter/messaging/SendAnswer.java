package com.instainstru.loadtest.jmeter.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonPointer;
import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.jmeter.http.JsonBody;

/**
 * What a backend answers to a send: the statuses that mean "sent" ({@code 2xx}, or a list such as
 * {@code 200,201}) and where the message id is in the JSON body ({@code $.id}, {@code $.message.id}).
 */
record SendAnswer(List<String> statuses, String idPath, JsonPointer idPointer) {

    static final String DEFAULT_STATUSES = "2xx";
    static final String DEFAULT_ID_PATH = "$.id";

    static SendAnswer parse(String statusesText, String idPathText) throws ConfigurationException {
        List<String> statuses = new ArrayList<>();
        String text = statusesText == null || statusesText.isBlank() ? DEFAULT_STATUSES : statusesText;
        for (String part : text.split(",")) {
            String s = part.trim().toLowerCase(Locale.ROOT);
            if (!s.matches("[1-5](\\d\\d|xx)")) {
                throw new ConfigurationException("Accepted statuses must be codes or classes like 2xx, 200,201; '"
                        + part.trim() + "' is neither");
            }
            statuses.add(s);
        }
        String path = idPathText == null || idPathText.isBlank() ? DEFAULT_ID_PATH : idPathText.trim();
        if (!path.matches("\\$(\\.[A-Za-z0-9_-]+)+")) {
            throw new ConfigurationException("Message id path must be a JSON path of field names like $.id or "
                    + "$.message.id, not '" + path + "'");
        }
        return new SendAnswer(List.copyOf(statuses), path, JsonPointer.compile(path.substring(1).replace('.', '/')));
    }

    boolean accepts(int status) {
        String code = Integer.toString(status);
        for (String s : statuses) {
            if (s.equals(code) || (s.endsWith("xx") && code.length() == 3 && code.charAt(0) == s.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    /** The message id at the path, or null when the body is not JSON or holds no non-blank value there. */
    String messageId(String body) {
        String id = JsonBody.object(body).map(node -> node.at(idPointer))
                .filter(n -> n.isValueNode() && !n.isNull()).map(n -> n.asText("")).orElse("");
        return id.isBlank() ? null : id;
    }

    String acceptedText() {
        return String.join(",", statuses);
    }
}
