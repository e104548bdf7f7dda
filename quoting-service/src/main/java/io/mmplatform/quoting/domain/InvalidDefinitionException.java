package io.mmplatform.quoting.domain;

/** A bot definition that cannot run, with the field that is wrong (e.g. {@code params.levels}). */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private final String field;

    public InvalidDefinitionException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
