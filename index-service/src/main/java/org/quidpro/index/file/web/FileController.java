package org.quidpro.index.file.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.quidpro.contracts.Identifiers;
import org.quidpro.index.file.Announcement;
import org.quidpro.index.file.ContentHash;
import org.quidpro.index.file.application.Holdings;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
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
@Validated
@RequestMapping("/v1/communities/{community}/peers/{peerId}/files")
class FileController {

    private final Holdings holdings;

    FileController(Holdings holdings) {
        this.holdings = holdings;
    }

    record FileRequest(
            @NotNull @Pattern(regexp = ContentHash.ACCEPTED,
                    message = "SHA-256 as 64 hex digits, or a SHA-256 multihash in hex (1220 then 64 digits)")
            String contentHash,
            @NotNull @PositiveOrZero Long sizeBytes,
            @NotBlank @Size(max = 1024) String name,
            @Size(max = 32) List<@NotBlank @Size(max = 64) String> tags,
            @Pattern(regexp = "^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$",
                    message = "a MIME type such as video/mp4") String mimeType,
            @NotNull @PositiveOrZero Long uploadBytesPerSecond) {

        Announcement announcement() {
            return new Announcement(ContentHash.parse(contentHash), sizeBytes, name.strip(), tags == null ? List.of() : tags,
                    mimeType, uploadBytesPerSecond);
        }
    }

    record AnnounceRequest(@NotEmpty List<@NotNull @Valid FileRequest> files) {}

    @PostMapping
    Holdings.Announced announce(@PathVariable @Pattern(regexp = Identifiers.COMMUNITY_ID) String community,
            @PathVariable @Pattern(regexp = Identifiers.PEER_ID) String peerId, @Valid @RequestBody AnnounceRequest request,
            Caller caller) {
        Access.requirePeerOrOperator(caller, peerId);
        return holdings.announce(community, peerId, request.files().stream().map(FileRequest::announcement).toList());
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
