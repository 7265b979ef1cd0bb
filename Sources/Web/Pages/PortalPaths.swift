/// The URLs of the portal's pages and forms, under a base path (`""` when the portal is at
/// the root, `/t/acme` when tenants are told apart by a path prefix: the router decides).
///
/// Ids are percent-encoded into their path segment, so an id can never add a segment or
/// a query. Renderers take every link from here; the router should match the same paths.
public struct PortalPaths: Sendable, Hashable {
    /// The prefix of every path, without a trailing `/`.
    public let base: String

    /// Paths under `base` (a trailing `/` is dropped).
    public init(base: String = "") {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// The portal's home (the router sends it on to sign-in or the profile).
    public var home: String { base + "/" }
    /// The sign-in page; POST `email` asks for a magic link.
    public var signIn: String { base + "/sign-in" }
    /// The magic link's page (`?token=`): shows a button; POST consumes the token.
    public var signInLink: String { base + "/sign-in/link" }
    /// POST: ends the session.
    public var signOut: String { base + "/sign-out" }
    /// The invitation link's page (`?token=`): shows a form; POST accepts.
    public var invitationAccept: String { base + "/invitations/accept" }
    /// The sign-up form; POST `givenName`, `familyName`, `email`.
    public var signUp: String { base + "/sign-up" }
    /// The sign-up confirmation link's page (`?token=`): shows a button; POST creates the member.
    public var signUpConfirmation: String { base + "/sign-up/confirm" }
    /// The feedback link's page (`?token=&met=`): the answer preselected; POST records it.
    public var feedbackLink: String { base + "/feedback" }
    /// "My profile"; POST saves it.
    public var profile: String { base + "/profile" }
    /// "My programs"; GET `program` + `q` searches an avoid list.
    public var programs: String { base + "/programs" }
    /// "My matches".
    public var matches: String { base + "/matches" }
    /// The unsubscribe page (`?token=`); POST unsubscribes (also the RFC 8058 one-click target).
    public var unsubscribe: String { base + "/unsubscribe" }
    /// POST: come back after unsubscribing.
    public var resubscribe: String { base + "/unsubscribe/undo" }

    /// POST `until` = `yyyy-mm-dd`, or `choice` = `end`: a break from every program.
    public var snooze: String { base + "/snooze" }

    /// POST `choice` = `opt-in` | `opt-out` | `skip` | `unskip`: the next session.
    public func programParticipation(_ programID: String) -> String { program(programID, "participation") }
    /// POST `choice` = `leave` | `rejoin`.
    public func programMembership(_ programID: String) -> String { program(programID, "membership") }
    /// POST `until` = `yyyy-mm-dd`, or `choice` = `end`.
    public func programSnooze(_ programID: String) -> String { program(programID, "snooze") }
    /// POST `member` = a member id, `choice` = `add` | `remove`.
    public func programAvoid(_ programID: String) -> String { program(programID, "avoid") }
    /// POST `met` = `yes` | `no` | `not-yet`, `rating` = `1`…`5` or empty.
    public func matchFeedback(_ groupID: String) -> String { base + "/matches/" + Self.segment(groupID) + "/feedback" }

    private func program(_ id: String, _ action: String) -> String {
        base + "/programs/" + Self.segment(id) + "/" + action
    }

    /// `value` percent-encoded for one path segment (RFC 3986 unreserved characters kept).
    static func segment(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out.isEmpty ? "-" : out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
