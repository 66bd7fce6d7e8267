package org.quidpro.testkit.infra;

/** Where a real PostgreSQL server answers. */
public record PostgresEndpoint(String jdbcUrl, String username, String password) {}
