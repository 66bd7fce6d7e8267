package org.quidpro.simulator.community;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quidpro.client.model.CandidateRequest;
import org.quidpro.client.model.PickRequest;
import org.quidpro.client.model.SubmitRequest;
import org.quidpro.simulator.community.Request.Mode;
import org.quidpro.simulator.scenario.Behaviour;
import org.quidpro.simulator.scenario.Scenario;

/**
 * A metered service instead of files: WLAN domains hosting each other's visitors for connection-seconds,
 * consultants answering consultations. A consumer picks a provider (by the community's pick-k, sampled by
 * trust, or uniformly), every provider asks the gateway how to divide its capacity for the round among
 * those who picked it, and each session becomes a receipt with the consumer's verdict: a bad provider's
 * consumers are not satisfied.
 */
final class ServiceExchange implements Community.Workload {

    private final Community community;

    ServiceExchange(Community community) {
        this.community = community;
    }

    @Override
    public List<Request> round(int round) {
        Scenario.Demand demand = community.scenario().demand();
        List<Peer> providers = community.peers().stream().filter(p -> p.behaviourAt(round).serves()).toList();
        Map<Peer, Map<Peer, Long>> asked = new LinkedHashMap<>();
        List<Request> unserved = new ArrayList<>();
        for (Peer consumer : community.peers()) {
            if (consumer.downloadBytesPerSecond() == 0) {
                continue; // provides only (a consultant)
            }
            if (community.random().nextDouble() >= demand.requestProbability()) {
                continue;
            }
            long amount = demand.amount().draw(community.random());
            Peer provider = choose(consumer, providers, demand.pickProviders());
            if (provider == null) {
                unserved.add(new Request(round, consumer.number(), consumer.label(), Mode.UNSERVED, amount, 0,
                        Double.NaN, Double.NaN, Double.NaN, false, null, null));
                continue;
            }
            asked.computeIfAbsent(provider, p -> new LinkedHashMap<>()).merge(consumer, amount, Long::sum);
        }
        List<Request> requests = new ArrayList<>(unserved);
        asked.forEach((provider, consumers) -> {
            Map<String, Long> granted = community.grants(provider, consumers);
            boolean satisfied = provider.behaviourAt(round) != Behaviour.BAD_PROVIDER;
            List<SubmitRequest> receipts = new ArrayList<>();
            consumers.forEach((consumer, amount) -> {
                long received = Math.min(amount, granted.getOrDefault(consumer.id(), 0L));
                if (received > 0) {
                    receipts.add(ReceiptSigning.signed(community.receipt(provider, consumer, received, null,
                            Duration.ofSeconds(community.scenario().roundSeconds()), satisfied),
                            provider.identity(), consumer.identity()));
                }
                requests.add(new Request(round, consumer.number(), consumer.label(),
                        received > 0 ? Mode.SERVICE : Mode.UNSERVED, amount, received, Double.NaN, Double.NaN,
                        Double.NaN, received >= amount, provider.label(), received > 0 ? satisfied : null));
            });
            if (!receipts.isEmpty()) {
                community.report(provider, receipts);
            }
        });
        return requests;
    }

    private Peer choose(Peer consumer, List<Peer> providers, boolean byTrust) {
        List<Peer> others = providers.stream().filter(p -> p != consumer).toList();
        if (others.isEmpty()) {
            return null;
        }
        if (!byTrust) {
            return others.get(community.random().nextInt(others.size()));
        }
        Gateway gateway = community.gateway();
        var picks = gateway.as(consumer.identity(), h -> gateway.allocations.pick(community.id(), new PickRequest().k(1)
                .seed(community.random().nextLong())
                .candidates(others.stream().map(p -> new CandidateRequest().peerId(p.id())).toList()), h));
        return picks.getPicks().isEmpty() ? null : community.peer(picks.getPicks().getFirst().getPeerId());
    }
}
