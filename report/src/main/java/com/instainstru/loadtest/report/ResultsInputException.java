package com.instainstru.loadtest.report;

/** Input the tool cannot use (missing file, wrong header, empty file, corrupt row). The CLI exits 2. */
public final class ResultsInputException extends RuntimeException {
    public ResultsInputException(String message) {
        super(message);
    }

    public ResultsInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
