/// The deduplication key of an outbox event: deterministic, so a transition retried over
/// the same stored state produces the same key and the outbox's unique index drops the
/// second copy.
///
/// Shape: `<EventKind>/<tenant>/<subject>[/<sequence> or /<scope>]`, where the subject is a member or
/// group id and the sequence is that subject's version after the transition. Events
/// that may happen at most once per subject (the welcome email) have no sequence.
public struct IdempotencyKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The key as stored.
    public let rawValue: String

    /// Wraps a stored key.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Builds the key of `kind` for `subject` of `tenant`, at `sequence` when given.
    public init(kind: EventKind, tenant: TenantID, subject: String, sequence: Int?) {
        var parts = [kind.rawValue, tenant.rawValue, subject]
        if let sequence { parts.append(String(sequence)) }
        rawValue = parts.joined(separator: "/")
    }

    /// Builds the key of `kind` for `subject` of `tenant` within `scope` (another
    /// subject's id, such as the session a member was left out of).
    public init(kind: EventKind, tenant: TenantID, subject: String, scope: String) {
        rawValue = [kind.rawValue, tenant.rawValue, subject, scope].joined(separator: "/")
    }

    /// The raw value.
    public var description: String { rawValue }
}
