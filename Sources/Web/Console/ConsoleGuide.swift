/// A step-by-step guide to connecting an identity provider, written from the providers'
/// documentation gathered in ../shared/design/idp-behaviours.md; the same text is in the
/// repository as Markdown (docs/idp/<slug>.md). Steps hold `{baseURL}`, filled with the
/// deployment's SCIM base URL.
public struct ConsoleGuide: Sendable, Hashable {
    /// The URL segment and file name: `entra`, `okta`.
    public var slug: String
    /// The provider's name.
    public var title: String
    /// The steps, in order.
    public var steps: [String]
    /// What to know once it runs.
    public var notes: [String]

    /// Microsoft Entra ID's enterprise application provisioning.
    public static let entra = ConsoleGuide(slug: "entra", title: "Microsoft Entra ID", steps: [
        "In the Microsoft Entra admin center, open Enterprise applications, then New application, then Create your own application; choose \"Integrate any other application you don't find in the gallery (Non-gallery)\".",
        "In the new application, open Provisioning and set Provisioning Mode to Automatic.",
        "Under Admin Credentials, set Tenant URL to {baseURL} (append ?aadOptscim062020 to get Entra's current PATCH format; Percolator accepts both).",
        "Set Secret Token to a SCIM token issued on this page (Issue a token). Entra expects a token that does not expire: revoke it here when you stop provisioning.",
        "Click Test Connection: Entra looks up a user that does not exist and expects an empty list; Percolator answers it.",
        "Under Mappings, keep userName, active, emails[type eq \"work\"].value, name.givenName and name.familyName; add department or other attributes you want as categories.",
        "Under Users and groups, assign the people or groups who should take part, then set Provisioning Status to On and Save.",
    ], notes: [
        "Entra runs a first full cycle, then one about every 40 minutes; a failing endpoint is quarantined (retried once a day).",
        "Entra does not use /Bulk; it disables people with active=false before deleting them, and Percolator keeps their match history.",
    ])

    /// Okta's SCIM 2.0 app integration.
    public static let okta = ConsoleGuide(slug: "okta", title: "Okta", steps: [
        "In the Okta Admin Console, open Applications, then Create App Integration, choose SAML 2.0 or SWA, then on the General tab enable SCIM provisioning.",
        "On the Provisioning tab, open Integration and set SCIM connector base URL to {baseURL} (it must not contain an underscore).",
        "Set Unique identifier field for users to userName.",
        "Tick the supported provisioning actions: Push New Users, Push Profile Updates and Push Groups.",
        "Set Authentication Mode to HTTP Header and paste a SCIM token issued on this page as the Bearer token.",
        "Click Test Connector Configuration, then Save.",
        "Under Provisioning, To App, enable Create Users, Update User Attributes and Deactivate Users; then assign people and push groups.",
    ], notes: [
        "Okta gives up on a request after 60 seconds and sends User-Agent \"Okta SCIM Client 1.0.0\".",
        "Okta deactivates people (active=false) rather than deleting them; groups are pushed with PATCH on members.",
    ])

    /// Every guide.
    public static let all = [entra, okta]

    /// The guide `slug`, or nil.
    public static func named(_ slug: String) -> ConsoleGuide? { all.first { $0.slug == slug } }

    /// The guide as Markdown (what docs/idp/<slug>.md holds, with `baseURL` filled in).
    public func markdown(baseURL: String) -> String {
        var out = "# Connect \(title) to Percolator\n\n"
        for (index, step) in steps.enumerated() {
            out += "\(index + 1). " + step.replacingOccurrences(of: "{baseURL}", with: baseURL) + "\n"
        }
        out += "\n## Good to know\n\n"
        for note in notes { out += "- " + note + "\n" }
        return out
    }
}

/// A guide's page.
public struct ConsoleGuidePage: Sendable, Hashable {
    /// The guide.
    public var guide: ConsoleGuide
    /// The SCIM base URL filled into its steps.
    public var baseURL: String

    /// Creates the page.
    public init(guide: ConsoleGuide, baseURL: String) {
        self.guide = guide
        self.baseURL = baseURL
    }
}

extension ConsoleGuidePage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { guide.title }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        [
            kit.section(kit.t(.guidesHeading), [
                .el(.ol, [.class("steps")], guide.steps.map { step in
                    .el(.li, text: step.replacingOccurrences(of: "{baseURL}", with: baseURL))
                }),
            ]),
            .el(.section, [.class("card")], [.el(.ul, [], guide.notes.map { .el(.li, text: $0) })]),
            .el(.a, [.class("button button-secondary"), .href(ConsolePaths.connect)], text: kit.t(.connectTitle)),
        ]
    }
}
