package org.quidpro.index.file.web;

import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.quidpro.contracts.Identifiers;
import org.quidpro.index.file.Announcement;
import org.quidpro.index.file.ContentHash;
import org.quidpro.index.file.application.Holdings;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A peer's files: announce (one or thousands at once), withdraw one, withdraw all. A peer acts only as itself. */
@RestController
@RequestMapping("/v1/communities/{community}/peers/{peerId}/files")
class FileController {

    private final Holdings holdings;

    FileController(Holdings holdings) {
        this.holdings = holdings;
    }

    /** One file of an announce; checked by {@link Announcement#of}, not by annotations (see there why). */
    record FileRequest(String contentHash, Long sizeBytes, String name, List<String> tags, String mimeType,
            Long uploadBytesPerSecond) {}

    record AnnounceRequest(List<FileRequest> files) {}

    @PostMapping
    Holdings.Announced announce(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable @Pattern(regexp = Identifiers.PEER_ID) String peerId, @RequestBody AnnounceRequest request,
            Caller caller) {
        Access.requirePeerOrOperator(caller, peerId);
        if (request.files() == null || request.files().isEmpty()) {
            throw new IllegalArgumentException("files: at least one");
        }
        List<Announcement> files = new ArrayList<>(request.files().size());
        for (FileRequest f : request.files()) {
            if (f == null) {
                throw new IllegalArgumentException("files[" + files.size() + "]: a file, not null");
            }
            try {
                files.add(Announcement.of(f.contentHash(), f.sizeBytes(), f.name(), f.tags(), f.mimeType(),
                        f.uploadBytesPerSecond()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("files[" + files.size() + "]." + e.getMessage(), e);
            }
        }
        return holdings.announce(community, peerId, files);
    }

    @DeleteMapping("/{contentHash}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable @Pattern(regexp = Identifiers.PEER_ID) String peerId, @PathVariable String contentHash,
            Caller caller) {
        Access.requirePeerOrOperator(caller, peerId);
        if (holdings.withdraw(community, peerId, ContentHash.parse(contentHash).hex()) == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, peerId + " does not hold " + contentHash);
        }
    }

    record Withdrawn(int files) {}

    @DeleteMapping
    Withdrawn withdrawAll(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable @Pattern(regexp = Identifiers.PEER_ID) String peerId, Caller caller) {
        Access.requirePeerOrOperator(caller, peerId);
        return new Withdrawn(holdings.withdraw(community, peerId, null));
    }
}
