import Coffee
import Store

/// A match introduction as one copy per member (issue 12): the same subject, text and
/// calendar invitation (same UID, so calendars see one meeting), addressed `To` that
/// member alone with its own RFC 8058 one-click unsubscribe (``UnsubscribeHeaders``), and
/// `Reply-To` the whole group so that answering still reaches everyone. Each copy has a
/// Message-ID of its own, derived from the entry's and the member's ids, so a resend
/// after an uncertain failure carries the same one.
///
/// Without any unsubscribe link (the portal off, or a row written before introductions
/// named their members' ids) the group gets the one message it always got.
enum IntroductionCopies {
    /// The messages for the introduction `entry`: one per member who has an address and
    /// an unsubscribe link in `unsubscribeTokens` (member id → token), plus one per member
    /// with an address but no link, without the headers; or the group message alone when
    /// `unsubscribeTokens` is empty. Empty when nothing can be rendered.
    static func messages(for entry: OutboxEntry, settings: OutboxSettings,
                         unsubscribeTokens: [String: String]) -> [EmailMessage] {
        guard let group = OutboxEmailComposer.message(for: entry, settings: settings),
              let introduction = entry.payload.introduction else { return [] }
        guard !unsubscribeTokens.isEmpty else { return [group] }
        let everyone = introduction.members.compactMap(\.email).joined(separator: ", ")
        return introduction.members.compactMap { member in
            guard let email = member.email else { return nil }
            var copy = group
            copy.to = [email]
            copy.messageID = messageID(of: group.messageID, member: member.id)
            if group.to.count > 1 { copy.headers.append(EmailHeader(name: "Reply-To", value: everyone)) }
            guard let token = unsubscribeTokens[member.id] else { return copy }
            return UnsubscribeHeaders.adding(token: token, to: copy, entry: entry, settings: settings)
        }
    }

    /// The members of the introduction `entry` who may get an unsubscribe link: those
    /// with an id and an address.
    static func members(of entry: OutboxEntry) -> [MemberID] {
        (entry.payload.introduction?.members ?? []).filter { !$0.id.isEmpty && $0.email != nil }.map { MemberID($0.id) }
    }

    /// `<key.member@percolator.invalid>` from the group's `<key@percolator.invalid>`.
    static func messageID(of groupID: String, member: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+=")
        let suffix = String(member.map { allowed.contains($0) ? $0 : "." })
        guard let at = groupID.firstIndex(of: "@") else { return groupID }
        return String(groupID[..<at]) + "." + suffix + String(groupID[at...])
    }
}
