package org.quidpro.accounting.rules;

/** One reason a request is refused, with the field it concerns (a JSON path such as {@code receipt.amount}). */
public record Violation(String field, String reason) {}
