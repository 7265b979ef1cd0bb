/// Invitations: invite a pasted list of addresses, and the invitations with their state.
public struct ConsoleInvitationsPage: Sendable, Hashable {
    /// One invitation: the address (untrusted), `pending` or `registered`, its expiry,
    /// and its member's id (a pending one can be resent).
    public struct Row: Sendable, Hashable {
        /// The columns.
        public var email, status, expires: String
        /// The invited member's id (the invitation's).
        public var memberID: String
        /// Whether the expiry has passed (a pending invitation can still be resent).
        public var isExpired: Bool

        /// Creates a row.
        public init(email: String, status: String, expires: String, memberID: String = "", isExpired: Bool = false) {
            self.email = email
            self.status = status
            self.expires = expires
            self.memberID = memberID
            self.isExpired = isExpired
        }
    }

    /// The invitations, oldest first.
    public var rows: [Row]
    /// After a POST: how many were invited, and the addresses that were not.
    public var invited: Int?
    /// The addresses not invited (already members, or not addresses).
    public var refused: [String]
    /// The shareable sign-up link's part of the page (issue 13, item 5).
    public var signUp = SignUp()
    /// After a resend: the address sent again, or why it was refused (already accepted,
    /// or withdrawn).
    public var resend: Resend?

    /// What a resend did.
    public enum Resend: Sendable, Hashable {
        /// The invitation of the address was sent again, with a new link.
        case sent(email: String, expires: String)
        /// The invitation of the address was accepted already.
        case alreadyRegistered(email: String)
        /// The invitation of the address was withdrawn (member removed or no longer pending).
        case withdrawn(email: String)
    }

    /// The shareable sign-up link: the domains it admits, a link just created (shown
    /// this once: only its hash is stored), and why a change was refused.
    public struct SignUp: Sendable, Hashable {
        /// The allowed email domains; empty: any.
        public var allowedDomains: [String] = []
        /// The URL of a link created by this request.
        public var newLink: String?
        /// How many open links the creation closed.
        public var closedLinks: Int?
        /// Why the domains were not saved (the settings' sentence).
        public var problem: String?

        /// Nothing to report.
        public init(allowedDomains: [String] = [], newLink: String? = nil, closedLinks: Int? = nil, problem: String? = nil) {
            self.allowedDomains = allowedDomains
            self.newLink = newLink
            self.closedLinks = closedLinks
            self.problem = problem
        }
    }

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
        switch resend {
        case .sent(let email, let expires)?:
            children.append(.el(.div, [.class("notice notice-success"), .role("status"), .id("resend-notice")], [
                .el(.p, [], [.isolated(t(.invitationResent, ["email": email, "date": expires]))]),
            ]))
        case .alreadyRegistered(let email)?:
            children.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(t(.resendRegistered, ["email": email]))])]))
        case .withdrawn(let email)?:
            children.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(t(.resendWithdrawn, ["email": email]))])]))
        case nil: break
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
        children.append(signUpSection(kit))
        children.append(kit.section(t(.invitationsTitle), [
            rows.isEmpty ? .el(.p, [.class("muted")], text: t(.noInvitations)) : kit.table(
                headers: [t(.emailColumn), t(.statusColumn), t(.expiresColumn), t(.actionsColumn)],
                rows: rows.map { row in
                    [.isolated(row.email), .text(row.status == "registered" ? t(.invitationRegistered) : t(.invitationPending)),
                     .text(row.isExpired ? t(.invitationExpired, ["date": row.expires]) : row.expires), resendCell(row, kit)]
                }),
        ]))
        return children
    }

    /// A pending row's "Resend" button (a POST with its CSRF token); nothing for a
    /// registered one.
    private func resendCell(_ row: Row, _ kit: ConsoleKit) -> HTMLNode {
        guard row.status == "pending", !row.memberID.isEmpty else { return .empty }
        return kit.postForm(ConsolePaths.invitationResend(row.memberID), attributes: [.class("inline-form")], [
            kit.forms.button(kit.t(.resendInvitation), style: "button button-secondary",
                             extra: [.aria("label", kit.t(.resendInvitationTo, ["email": row.email]))]),
        ])
    }

    /// The sign-up link: create one (closing the open ones), close them all, and the
    /// allowed domains.
    private func signUpSection(_ kit: ConsoleKit) -> HTMLNode {
        let t = kit.t, forms = kit.forms
        var nodes: [HTMLNode] = [.el(.p, [.class("hint")], text: t(.signUpLinkHint))]
        if let newLink = signUp.newLink {
            nodes.append(.el(.div, [.class("notice notice-success"), .role("status")], [
                .el(.p, text: t(.signUpLinkCreated, ["closed": String(signUp.closedLinks ?? 0)])),
                .el(.p, [], [.el(.code, [.class("secret"), .id("signup-link")], text: newLink)]),
            ]))
        }
        if let problem = signUp.problem {
            nodes.append(.el(.div, [.class("error-summary"), .role("alert")], [.el(.p, [], [.isolated(problem)])]))
        }
        nodes.append(.el(.div, [.class("toolbar")], [
            kit.postForm(ConsolePaths.signUpLink, attributes: [.class("inline-form")], [forms.button(t(.createSignUpLink))]),
            kit.postForm(ConsolePaths.signUpLinkClose, attributes: [.class("inline-form")], [
                forms.button(t(.closeSignUpLinks), style: "button button-danger"),
            ]),
        ]))
        nodes.append(kit.postForm(ConsolePaths.signUpDomains, [
            forms.textField(id: "allowed-domains", name: ConsoleField.domains, label: t(.allowedDomainsLabel),
                            value: signUp.allowedDomains.joined(separator: ", "), autocomplete: "off",
                            hint: t(.allowedDomainsHint), extra: [.maxlength(2_000)]),
            forms.button(t(.saveDomains), style: "button button-secondary"),
        ]))
        return kit.section(t(.signUpLinkHeading), nodes)
    }
}
