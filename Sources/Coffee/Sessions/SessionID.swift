import Foundation

/// Our identifier of a session. Sessions planned by ``SchedulePlanner`` get the
/// natural identifier ``init(programID:matchAt:)``, so the same session planned twice
/// (a retried tick, two servers) collides on the primary key instead of being created
/// twice.
public struct SessionID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The identifier as stored.
    public let rawValue: String

    /// Wraps a stored identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The natural identifier of the session of `programID` matched at `matchAt`:
    /// `<program id>@<match time in whole seconds since 1970>`.
    public init(programID: ProgramID, matchAt: Date) {
        let seconds = Int64(matchAt.timeIntervalSince1970.rounded(.down))
        rawValue = "\(programID.rawValue)@\(seconds)"
    }

    /// Orders by raw value.
    public static func < (lhs: SessionID, rhs: SessionID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { rawValue }
}
