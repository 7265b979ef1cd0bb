/// "Connect your identity provider": the SCIM base URL, the SCIM tokens (issue — the
/// new one shown once —, list with last use, revoke), and links to the guides.
public struct ConsoleConnectPage: Sendable, Hashable {
    /// One SCIM token: id, label (untrusted), issued and last-used times, revoked or not.
    public struct TokenRow: Sendable, Hashable {
        /// The token's id, label, issue time and last use (formatted; nil: never).
        public var id, label, issuedAt: String, lastUsedAt: String?, isRevoked: Bool

        /// Creates a row.
        public init(id: String, label: String, issuedAt: String, lastUsedAt: String?, isRevoked: Bool) {
            self.id = id
            self.label = label
            self.issuedAt = issuedAt
            self.lastUsedAt = lastUsedAt
            self.isRevoked = isRevoked
        }
    }

    /// The SCIM base URL to give the identity provider.
    public var baseURL: String
    /// The tenant's SCIM tokens, newest first.
    public var tokens: [TokenRow]
    /// A token just issued, shown this once.
    public var newToken: String?

    /// Creates the page.
    public init(baseURL: String, tokens: [TokenRow], newToken: String? = nil) {
        self.baseURL = baseURL
        self.tokens = tokens
        self.newToken = newToken
    }
}

extension ConsoleConnectPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.connectTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t, forms = kit.forms
        var children: [HTMLNode] = [
            .el(.p, [.class("lede")], text: t(.connectIntro)),
            kit.section(t(.baseURLLabel), [.el(.p, [], [.el(.code, [.id("scim-base-url")], text: baseURL)])]),
        ]
        if let newToken {
            children.append(.el(.section, [.class("card"), .role("status")], [
                .el(.h2, text: t(.newTokenTitle)),
                .el(.p, text: t(.newTokenBody)),
                .el(.code, [.class("secret"), .id("new-token")], text: newToken),
            ]))
        }
        children.append(kit.section(t(.tokensHeading), [
            tokens.isEmpty ? .el(.p, [.class("muted")], text: t(.noTokens)) : kit.table(
                headers: [t(.tokenColumnLabel), t(.tokenColumnCreated), t(.tokenColumnLastUsed), t(.tokenColumnState), ""],
                rows: tokens.map { token in
                    [.isolated(token.label.isEmpty ? token.id : token.label), .text(token.issuedAt),
                     .text(token.lastUsedAt ?? t(.neverUsed)), .text(token.isRevoked ? t(.tokenRevoked) : t(.tokenActive)),
                     token.isRevoked ? .empty : kit.postForm(ConsolePaths.tokenRevocation(token.id), attributes: [.class("inline-form")], [
                        forms.button(t(.revokeToken), style: "button button-danger button-small"),
                     ])]
                }),
            kit.postForm(ConsolePaths.tokens, attributes: [.class("toolbar")], [
                forms.textField(id: "label", name: ConsoleField.label, label: t(.tokenLabelField), value: "",
                                autocomplete: "off", extra: [.maxlength(100)]),
                forms.button(t(.issueToken)),
            ]),
        ]))
        children.append(kit.section(t(.guidesHeading), [
            .el(.ul, [], ConsoleGuide.all.map { guide in
                .el(.li, [], [.el(.a, [.href(ConsolePaths.guide(guide.slug))], text: guide.title)])
            }),
        ]))
        return children
    }
}
