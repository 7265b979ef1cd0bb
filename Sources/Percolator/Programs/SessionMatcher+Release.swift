import Coffee

extension SessionMatcher {
    /// A large value the storage closures of a match read without owning it (captured
    /// `unowned`): the match keeps the only strong reference, so the value is freed where
    /// the match lets it go (``releaseOffStorage(_:)``), never on a storage thread.
    ///
    /// Issue 16: a closure handed to the writer owned the last reference to the staged
    /// rows (and the commit's to the 100,000 members read), and the writer freed them —
    /// about 0.15 s of `swift_arrayDestroy` in the writer's thread (perf, release build)
    /// while SCIM writes waited behind it.
    final class Held<Value: Sendable>: Sendable {
        /// The value.
        let value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    /// Frees `value` — a match's members, selection and staged rows — on the global
    /// concurrent executor, after the response: not on the writer's or a reader's thread
    /// (request handlers run on the readers' queues) and not before the caller answers.
    static func releaseOffStorage<T: Sendable>(_ value: consuming T) {
        Task.detached(priority: .utility) { [value] in
            withExtendedLifetime(value) {}
        }
    }
}
