package org.quidpro.accounting.rules;

import java.util.List;

/** A request that is well-formed but refused by the rules; nothing of it is stored. */
public class Rejected extends RuntimeException {

    private final List<Violation> violations;

    public Rejected(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.reason()).reduce((a, b) -> a + "; " + b).orElse("rejected"));
        this.violations = List.copyOf(violations);
    }

    public Rejected(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
