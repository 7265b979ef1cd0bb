import FoundationEssentials

/// A link of an email that acts for one member without a session, reusable until it
/// expires (unlike a sign-in link): "Did you meet?" answers and unsubscribing. Only the
/// SHA-256 of its token is stored; it is bound to its tenant and member.
public struct PortalLink: Sendable, Equatable {
    /// What the link may do.
    public enum Purpose: String, Sendable, Equatable, CaseIterable {
        /// Answer "Did you meet?" about one group (``PortalLink/subject`` = `session/number`).
        case feedback
        /// Unsubscribe from, and come back to, the organisation's emails and matches.
        case unsubscribe
    }

    /// What the link may do.
    public var purpose: Purpose
    /// The organisation.
    public var tenantID: TenantID
    /// The member it acts for.
    public var memberID: MemberID
    /// What it is about: a group (`session/number`) for feedback, empty otherwise.
    public var subject: String

    /// Creates a value.
    public init(purpose: Purpose, tenantID: TenantID, memberID: MemberID, subject: String = "") {
        self.purpose = purpose
        self.tenantID = tenantID
        self.memberID = memberID
        self.subject = subject
    }

    /// The subject of a feedback link about group `number` of session `session`.
    public static func groupSubject(session: SessionID, number: Int) -> String { "\(session.rawValue)/\(number)" }

    /// The session and group number of a feedback link's subject.
    public var group: (session: SessionID, number: Int)? {
        guard let slash = subject.lastIndex(of: "/"), let number = Int(subject[subject.index(after: slash)...]) else { return nil }
        return (SessionID(String(subject[..<slash])), number)
    }
}
