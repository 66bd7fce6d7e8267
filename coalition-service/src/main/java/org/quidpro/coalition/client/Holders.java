package org.quidpro.coalition.client;

import java.util.List;
import org.quidpro.coalition.formation.Candidate;

/** What the index says about file Z: its size T and its live holders, the requester left out. */
public record Holders(long sizeBytes, List<Candidate> candidates) {}
