/// Whatever the code that asks for a SCIM write wants the store's
/// ``ResourceWriteObserver`` to see of it (the Percolator app: the request being logged),
/// carried from the asking task to the thread that runs the write transaction. The
/// store only carries it: it never reads it.
public enum ResourceWriteContext {
    /// The asking task's value; bound again around the write's body on the writer.
    @TaskLocal public static var current: (any Sendable)?
}
