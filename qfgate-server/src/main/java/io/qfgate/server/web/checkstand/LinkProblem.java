package io.qfgate.server.web.checkstand;

/**
 * Why a checkout link cannot be used: an HTTP status, the key of the sentence that explains it
 * in the page's language (with the field it names), and an English detail for the merchant's
 * developer, or null.
 */
final class LinkProblem extends RuntimeException {
    final int status;
    final String textKey;
    final Object[] args;

    private LinkProblem(int status, String textKey, String detail, Object... args) {
        super(detail, null, false, false);
        this.status = status;
        this.textKey = textKey;
        this.args = args;
    }

    static LinkProblem missing(String field) {
        return new LinkProblem(400, "error.missing", null, field);
    }

    static LinkProblem tooLong(String field, int max) {
        return new LinkProblem(400, "error.tooLong", null, field, max);
    }

    static LinkProblem invalid(String field, String detail) {
        return new LinkProblem(400, "error.invalid", field + ": " + detail, field);
    }

    static LinkProblem of(int status, String textKey, String detail, Object... args) {
        return new LinkProblem(status, textKey, detail, args);
    }

    String detail() {
        return getMessage();
    }
}
