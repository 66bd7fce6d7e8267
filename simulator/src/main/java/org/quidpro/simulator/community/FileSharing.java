package org.quidpro.simulator.community;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.quidpro.client.model.AnnounceRequest;
import org.quidpro.client.model.Answer;
import org.quidpro.client.model.FileRequest;
import org.quidpro.client.model.FormRequest;
import org.quidpro.client.model.Member;
import org.quidpro.client.model.SubmitRequest;
import org.quidpro.simulator.community.Request.Mode;
import org.quidpro.simulator.scenario.Scenario;

/**
 * The paper's file sharing. Sharing peers announce what they hold to the index; a requester either asks
 * the coalition service for a coalition (which asks rating for its bonus Rb and the index for holders)
 * or takes the index's first holder as its single source; every uploader then asks the gateway whom to
 * serve at what rate, given everyone who asked it this round; the transfer "runs" at the granted rates
 * in simulated time, and each part is reported as a receipt co-signed by uploader and requester (which
 * settles the coalition). A request whose uploader grants nothing (or less than a twentieth of the planned
 * rate) this round is not served. A peer downloads one file at a time: a download that takes longer than a
 * round keeps it busy, so download bandwidth decides how much a peer gets over the run.
 */
final class FileSharing implements Community.Workload {

    record File(int number, String hash, long size) {}

    /** One uploader's part of one request. */
    private static final class Part {
        final Peer provider;
        final long bytes;
        final long plannedRate;
        long granted;

        Part(Peer provider, long bytes, long plannedRate) {
            this.provider = provider;
            this.bytes = bytes;
            this.plannedRate = plannedRate;
        }
    }

    private record Ask(Peer requester, File file, Mode mode, UUID coalition, List<Part> parts, double plannedSeconds,
            double soloSeconds, double valueSeconds) {}

    private final Community community;
    private final List<File> files = new ArrayList<>();
    private final List<Community.Served> served = new ArrayList<>();

    FileSharing(Community community) {
        this.community = community;
        Scenario.Catalogue catalogue = community.scenario().files();
        for (int i = 0; i < catalogue.count(); i++) {
            files.add(new File(i, sha256(community.scenario().name() + "/file-" + i),
                    catalogue.sizeBytes().draw(community.random())));
        }
    }

    /** The catalogue's first copies, spread over the peers that share from the start. */
    void seed() {
        List<Peer> sharers = community.peers().stream().filter(p -> p.behaviourAt(0).serves()).toList();
        if (sharers.isEmpty()) {
            throw new IllegalArgumentException("nobody shares at the start: the catalogue has no first holder");
        }
        int copies = Math.min(community.scenario().files().copies(), sharers.size());
        for (File file : files) {
            List<Peer> pool = new ArrayList<>(sharers);
            for (int c = 0; c < copies; c++) {
                pool.remove(community.random().nextInt(pool.size())).holds().add(file.number());
            }
        }
    }

    @Override
    public List<Request> round(int round) {
        served.clear();
        share(round);
        List<Ask> asks = ask(round);
        grant(round, asks);
        List<Request> requests = new ArrayList<>();
        Map<Peer, List<SubmitRequest>> receipts = new LinkedHashMap<>();
        for (Ask ask : asks) {
            requests.add(deliver(round, ask, receipts));
        }
        receipts.forEach(community::report);
        return requests;
    }

    @Override
    public List<Community.Served> coalitionsToSettle() {
        return served;
    }

    /** Sharing peers announce what they hold and have not announced; one that stopped sharing withdraws all. */
    private void share(int round) {
        Gateway gateway = community.gateway();
        for (Peer peer : community.peers()) {
            boolean shares = peer.behaviourAt(round).serves();
            if (!shares && !peer.announced().isEmpty()) {
                gateway.as(peer.identity(), h -> gateway.files.withdrawAll(community.id(), peer.id(), h));
                peer.announced().clear();
            }
            if (!shares) {
                continue;
            }
            List<FileRequest> fresh = peer.holds().stream().filter(f -> !peer.announced().contains(f)).sorted()
                    .map(f -> new FileRequest().contentHash(files.get(f).hash()).sizeBytes(files.get(f).size())
                            .name("file-" + f + ".bin").uploadBytesPerSecond(peer.uploadBytesPerSecond()))
                    .toList();
            for (int from = 0; from < fresh.size(); from += 500) {
                var batch = new AnnounceRequest().files(fresh.subList(from, Math.min(fresh.size(), from + 500)));
                gateway.as(peer.identity(), h -> gateway.files.announce(community.id(), peer.id(), batch, h));
            }
            peer.holds().forEach(peer.announced()::add);
        }
    }

    /** Each peer, with the scenario's probability, asks for a file it lacks that someone shares. */
    private List<Ask> ask(int round) {
        Scenario.Demand demand = community.scenario().demand();
        Map<Integer, Integer> shared = new HashMap<>();
        community.peers().forEach(p -> p.announced().forEach(f -> shared.merge(f, 1, Integer::sum)));
        List<Peer> order = new ArrayList<>(community.peers());
        java.util.Collections.shuffle(order, new java.util.Random(community.random().nextLong()));
        List<Ask> asks = new ArrayList<>();
        for (Peer peer : order) {
            boolean asking = community.random().nextDouble() < demand.requestProbability();
            boolean coalition = community.random().nextDouble() < demand.coalitionShare();
            if (!asking || !peer.idle(round)) {
                continue; // one download at a time: a slow one keeps its peer busy for several rounds
            }
            // What it lacks and someone shares (a peer announces only what it holds, so never itself).
            List<File> wanted = files.stream()
                    .filter(f -> !peer.holds().contains(f.number()) && shared.containsKey(f.number())).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            File file = wanted.get(community.random().nextInt(wanted.size()));
            asks.add(coalition ? coalition(peer, file) : singleSource(peer, file));
        }
        return asks;
    }

    private Ask coalition(Peer requester, File file) {
        Gateway gateway = community.gateway();
        Answer answer;
        try {
            answer = gateway.as(requester.identity(), h -> gateway.coalitions.form(community.id(), new FormRequest()
                    .requester(requester.id()).contentHash(file.hash())
                    .downloadBytesPerSecond(requester.downloadBytesPerSecond()), h));
        } catch (Gateway.Refused e) {
            if (e.status() == 404 || e.status() == 422) {
                return new Ask(requester, file, Mode.UNSERVED, null, List.of(), Double.NaN, Double.NaN, 0);
            }
            throw e;
        }
        var plan = answer.getPlan();
        List<Part> parts = new ArrayList<>();
        for (Member member : plan.getMembers()) {
            Peer provider = community.peer(member.getPeerId());
            long bytes = member.getBytes().getLast() - member.getBytes().getFirst() + 1;
            parts.add(new Part(provider, bytes, member.getRateBytesPerSecond()));
        }
        boolean formed = plan.getKind() == org.quidpro.client.model.Plan.KindEnum.COALITION && answer.getId() != null;
        return new Ask(requester, file, formed ? Mode.COALITION : Mode.SINGLE_SOURCE, formed ? answer.getId() : null,
                parts, plan.getCoalitionSeconds() == null ? Double.NaN : plan.getCoalitionSeconds(),
                plan.getSoloSeconds() == null ? Double.NaN : plan.getSoloSeconds(),
                plan.getValueSeconds() == null ? 0 : plan.getValueSeconds());
    }

    /** Without a coalition: the index's first holder (its ranking), at the rate both ends allow. */
    private Ask singleSource(Peer requester, File file) {
        Gateway gateway = community.gateway();
        var holders = gateway.as(requester.identity(), h -> gateway.search.holders(community.id(), file.hash(), 5, null,
                List.of(requester.id()), h));
        var first = holders.getHolders().stream().map(h -> community.peer(h.getPeerId()))
                .filter(p -> p != null && p != requester).findFirst();
        if (first.isEmpty()) {
            return new Ask(requester, file, Mode.UNSERVED, null, List.of(), Double.NaN, Double.NaN, 0);
        }
        Peer provider = first.get();
        long rate = Math.min(provider.uploadBytesPerSecond(), requester.downloadBytesPerSecond());
        return new Ask(requester, file, Mode.SINGLE_SOURCE, null, List.of(new Part(provider, file.size(), rate)),
                (double) file.size() / rate, (double) file.size() / provider.uploadBytesPerSecond(), 0);
    }

    /**
     * Every uploader asks the gateway how to divide its upload among the requesters that asked it this
     * round (their planned rate is what each asks for); one that does not serve grants nothing.
     */
    private void grant(int round, List<Ask> asks) {
        Map<Peer, Map<Peer, List<Part>>> byProvider = new LinkedHashMap<>();
        for (Ask ask : asks) {
            for (Part part : ask.parts()) {
                byProvider.computeIfAbsent(part.provider, p -> new LinkedHashMap<>())
                        .computeIfAbsent(ask.requester(), r -> new ArrayList<>()).add(part);
            }
        }
        byProvider.forEach((provider, byRequester) -> {
            if (provider == null || !provider.behaviourAt(round).serves()) {
                return;
            }
            Map<Peer, Long> asked = new LinkedHashMap<>();
            byRequester.forEach((requester, parts) ->
                    asked.put(requester, parts.stream().mapToLong(p -> p.plannedRate).sum()));
            Map<String, Long> rates = community.grants(provider, asked);
            byRequester.forEach((requester, parts) -> {
                long granted = rates.getOrDefault(requester.id(), 0L);
                long total = Math.max(1, asked.get(requester));
                for (Part part : parts) { // a requester's parts at one uploader share its grant as planned
                    long rate = Math.min(part.plannedRate, granted * part.plannedRate / total);
                    // Like a BitTorrent client dropping a snubbing peer, a requester declines a trickle.
                    part.granted = rate * 20 < part.plannedRate ? 0 : rate;
                }
            });
        });
    }

    /** The transfer in simulated time; delivered parts become co-signed receipts. */
    private Request deliver(int round, Ask ask, Map<Peer, List<SubmitRequest>> receipts) {
        Peer requester = ask.requester();
        if (ask.mode() == Mode.UNSERVED) {
            return new Request(round, requester.number(), requester.label(), Mode.UNSERVED, ask.file().size(), 0,
                    Double.NaN, Double.NaN, Double.NaN, false, null, null);
        }
        long received = 0;
        double seconds = 0;
        boolean complete = true;
        for (Part part : ask.parts()) {
            if (part.granted <= 0) {
                complete = false;
                continue;
            }
            double partSeconds = (double) part.bytes / part.granted;
            seconds = Math.max(seconds, partSeconds);
            received += part.bytes;
            receipts.computeIfAbsent(part.provider, p -> new ArrayList<>()).add(ReceiptSigning.signed(
                    community.receipt(part.provider, requester, part.bytes, ask.file().hash(),
                            Duration.ofMillis(Math.max(1, (long) Math.ceil(partSeconds * 1000))), true),
                    part.provider.identity(), requester.identity()));
        }
        if (complete) {
            requester.busy(round, (int) Math.ceil(seconds / community.scenario().roundSeconds()));
            requester.holds().add(ask.file().number());
            if (ask.coalition() != null) {
                served.add(new Community.Served(ask.coalition(), requester.identity(), ask.valueSeconds()));
            }
        }
        return new Request(round, requester.number(), requester.label(), ask.mode(), ask.file().size(), received,
                complete ? seconds : Double.NaN, ask.plannedSeconds(), ask.soloSeconds(), complete,
                ask.parts().getFirst().provider.label(), null);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
