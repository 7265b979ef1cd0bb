/// Where a member stands between creation and purge (domain.md).
public enum Lifecycle: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The member exists and may take part, subject to its other statuses.
    case live
    /// Deleted by the identity provider (SCIM answers 404); personal data still kept
    /// until the tenant's retention ends.
    case deprovisioned
    /// Personal data replaced by an anonymous marker; ids, counts and history kept.
    case purged
}
