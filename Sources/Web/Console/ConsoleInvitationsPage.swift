/// Invitations: invite a pasted list of addresses, and the invitations with their state.
public struct ConsoleInvitationsPage: Sendable, Hashable {
    /// One invitation: the address (untrusted), `pending` or `registered`, and its expiry.
    public struct Row: Sendable, Hashable {
        /// The columns.
        public var email, status, expires: String

        /// Creates a row.
        public init(email: String, status: String, expires: String) {
            self.email = email
            self.status = status
            self.expires = expires
        }
    }

    /// The invitations, oldest first.
    public var rows: [Row]
    /// After a POST: how many were invited, and the addresses that were not.
    public var invited: Int?
    /// The addresses not invited (already members, or not addresses).
    public var refused: [String]

    /// Creates the page.
    public init(rows: [Row], invited: Int? = nil, refused: [String] = []) {
        self.rows = rows
        self.invited = invited
        self.refused = refused
    }
}

extension ConsoleInvitationsPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.invitationsTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [.el(.p, [.class("lede")], text: t(.invitationsIntro))]
        if let invited {
            children.append(.el(.div, [.class("notice notice-success"), .role("status")], [
                .el(.p, text: t(.invitedNotice, ["count": String(invited)])),
                refused.isEmpty ? .empty : .el(.p, [], [.isolated(t(.notInvitedNotice, ["addresses": refused.joined(separator: ", ")]))]),
            ]))
        }
        children.append(kit.section(t(.inviteSubmit), [
            kit.postForm(ConsolePaths.invitations, [
                .el(.div, [.class("field")], [
                    .el(.label, [.for("addresses")], text: t(.addressesLabel)),
                    .el(.span, [.class("hint"), .id("addresses-hint")], text: t(.addressesHint)),
                    .el(.textarea, [.id("addresses"), .name(ConsoleField.addresses), .rows(4), .required,
                                    .aria("describedby", "addresses-hint"), .maxlength(20_000)], text: ""),
                ]),
                forms.button(t(.inviteSubmit)),
            ]),
        ]))
        children.append(kit.section(t(.invitationsTitle), [
            rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noInvitations)) : kit.table(
                headers: [t(.emailColumn), t(.statusColumn), t(.expiresColumn)],
                rows: rows.map { row in
                    [.isolated(row.email), .text(row.status == "registered" ? t(.invitationRegistered) : t(.invitationPending)),
                     .text(row.expires)]
                }),
        ]))
        return children
    }
}
