package org.quidpro.rating.allocation;

/**
 * The answer for one requester: whether and how fast to serve it, and why.
 *
 * @param rank 1 for the first to serve; 0 when refused
 * @param bytesPerSecond the upload rate to give it
 * @param rule which rule set the rate, in words, with the numbers it used
 */
public record Grant(String peerId, int rank, long bytesPerSecond, Decision decision, double score, String rule) {

    public enum Decision { SERVE, QUEUE, REFUSE }
}
