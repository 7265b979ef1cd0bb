/// Why a session was cancelled.
public enum CancellationReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// An admin cancelled it.
    case byAdmin
    /// Its program was archived.
    case programArchived
    /// It fell due together with a later session of the same program (after a long
    /// downtime); only the latest one is matched, see ``SchedulePlanner``.
    case superseded
}
