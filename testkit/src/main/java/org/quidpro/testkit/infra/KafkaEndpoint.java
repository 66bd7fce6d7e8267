package org.quidpro.testkit.infra;

/** Where a real Kafka broker answers, as a bootstrap list ({@code host:port[,host:port]}). */
public record KafkaEndpoint(String bootstrapServers) {}
