package dev.sitesync.stack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for child services.
 * <p>
 * A port is chosen below the kernel's ephemeral range: a port taken with {@code bind(0)} lies inside that range, and
 * between choosing it and the child binding it, any outgoing connection on the machine could be given the same port
 * as its local end ("Port seems to be in use" at start). Below the range only an explicit bind can take it. Each port
 * is handed out at most once per JVM, so the parts of one stack never share one, and is reserved on this machine for
 * as long as the JVM lives (a lock on a file named after it), so test and benchmark JVMs running side by side never
 * hand out the same port either.
 */
public final class Ports {

    private static final int LOWEST = 10_000;
    private static final int EPHEMERAL_DEFAULT = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "sitesync-ports");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    // kept open until the JVM exits: the kernel releases the locks then, even after a crash
    private static final Map<Integer, FileLock> RESERVED = new ConcurrentHashMap<>();

    private Ports() {
    }

    /** A port free on this machine right now that no outgoing connection can take before a child binds it. */
    public static int free() {
        int highest = ephemeralStart() - 1;
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (HANDED_OUT.add(port) && reserve(port) && isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + highest
                + " after 1,000 tries; free some ports or widen the range below the ephemeral ports");
    }

    /** Reserves the port for this JVM's lifetime; false when another JVM on this machine holds it. */
    static boolean reserve(int port) {
        try {
            Files.createDirectories(RESERVATIONS);
            FileChannel channel = FileChannel.open(RESERVATIONS.resolve(Integer.toString(port)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return false;
            }
            RESERVED.put(port, lock);
            return true;
        } catch (IOException e) {
            // a machine without a writable temporary folder still gets ports, unreserved
            return true;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Whether nothing listens on the port, on loopback or on all interfaces (a child may bind either). */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && canBind(new InetSocketAddress(port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address, 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands out by itself; 32768 where the range cannot be read (and below any default). */
    private static int ephemeralStart() {
        try {
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            int start = Integer.parseInt(range[0]);
            return start > LOWEST + 1_000 ? start : EPHEMERAL_DEFAULT;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_DEFAULT;
        }
    }
}
