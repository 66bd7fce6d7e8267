package org.quidpro.accounting.peer.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered peer: its key, and the bandwidth it declares. */
@Entity
@Table(name = "peer")
public class PeerEntity {

    @Id
    String id;

    byte[] publicKey;

    long uploadBytesPerSecond;

    long downloadBytesPerSecond;

    Instant registeredAt;

    protected PeerEntity() {}

    public PeerEntity(String id, byte[] publicKey, long uploadBytesPerSecond, long downloadBytesPerSecond,
            Instant registeredAt) {
        this.id = id;
        this.publicKey = publicKey.clone();
        this.uploadBytesPerSecond = uploadBytesPerSecond;
        this.downloadBytesPerSecond = downloadBytesPerSecond;
        this.registeredAt = registeredAt;
    }

    public String id() {
        return id;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public long uploadBytesPerSecond() {
        return uploadBytesPerSecond;
    }

    public long downloadBytesPerSecond() {
        return downloadBytesPerSecond;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
