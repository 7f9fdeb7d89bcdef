package dev.sitesync.stack.process;

import java.io.IOException;

/** Another JVM on the machine: takes a free port, says which, and holds it until its input closes. */
public final class PortHolder {

    private PortHolder() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(Ports.free());
        System.out.flush();
        while (System.in.read() != -1) {
            // holds the reservation while the test runs
        }
    }
}
