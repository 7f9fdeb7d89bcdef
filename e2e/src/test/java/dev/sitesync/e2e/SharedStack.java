package dev.sitesync.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for every end-to-end class of the run: the first class that needs it starts it, the run's end closes it
 * (the root store closes what it holds). Starting the stack with Keycloak costs a minute or two, so classes share it,
 * one after another; each test makes documents of its own. {@code FaultIT}, which stops and kills services, runs
 * beside them on a stack of its own that borrows this one's Keycloak.
 */
final class SharedStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);
    private static RunningStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context.getRoot().getStore(NAMESPACE));
    }

    private static synchronized void start(ExtensionContext.Store store) {
        stack = store.computeIfAbsent(RunningStack.class, key -> RunningStack.start("e2e"), RunningStack.class);
    }

    /** The running stack; only valid in a class extended with this extension. */
    static synchronized RunningStack get() {
        if (stack == null) {
            throw new IllegalStateException("No stack: extend the test class with @ExtendWith(SharedStack.class)");
        }
        return stack;
    }
}
