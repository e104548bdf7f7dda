package io.mmplatform.execution.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * One wallet's nonce high-water mark in {@code <state-dir>/nonce-<walletId>}: a decimal number, replaced atomically
 * (written to a temporary file, forced to disk, then moved over the old one).
 */
public final class NonceFile {
    private final Path file;

    public NonceFile(Path stateDir, String walletId) {
        String name = walletId.matches("[A-Za-z0-9._-]{1,64}") ? walletId
                : "x" + HexFormat.of().formatHex(walletId.getBytes(StandardCharsets.UTF_8));
        this.file = stateDir.resolve("nonce-" + name);
    }

    /** The persisted mark, or {@link Long#MIN_VALUE} if there is none yet. */
    public long load() {
        if (!Files.exists(file)) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a nonce: " + e.getMessage());
        }
    }

    public void store(long mark) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Long.toString(mark).getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Path path() {
        return file;
    }
}
