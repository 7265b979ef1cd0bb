import Foundation
@testable import Coffee
import Testing

/// Who reaches a program (issue 13, item 1): administrators every one, a program manager
/// the programs it owns, addresses compared case-insensitively.
@Suite("ProgramViewer — which programs a console user reaches")
struct ProgramViewerTests {
    static func manager(_ email: String) -> ProgramViewer { .programManager(EmailAddress(stored: email)) }
    static func owners(_ emails: String...) -> [EmailAddress] { emails.map { EmailAddress(stored: $0) } }

    @Test(arguments: [
        (ProgramViewer.administrator, owners(), true),
        (ProgramViewer.administrator, owners("pat@example.com"), true),
        (manager("pat@example.com"), owners("pat@example.com"), true),
        (manager("Pat@Example.COM"), owners("pat@example.com"), true),
        (manager("pat@example.com"), owners("Sam@example.com", "PAT@example.com"), true),
        (manager("pat@example.com"), owners(), false),
        (manager("pat@example.com"), owners("sam@example.com"), false),
        (manager("pat@example.co"), owners("pat@example.com"), false),
        (manager(""), owners(), false),
        (manager(""), owners("pat@example.com"), false),
    ])
    func sees(viewer: ProgramViewer, owners: [EmailAddress], expected: Bool) {
        #expect(viewer.sees(ownedBy: owners) == expected)
    }

    @Test("an administrator sees everything and sets owners; a program manager owns what it creates, and sets no owners")
    func roles() {
        #expect(ProgramViewer.administrator.seesEveryProgram && ProgramViewer.administrator.changesOwners)
        #expect(ProgramViewer.administrator.ownersOnCreation.isEmpty)
        let manager = Self.manager("Pat@example.com")
        #expect(!manager.seesEveryProgram && !manager.changesOwners)
        #expect(manager.ownersOnCreation.map(\.rawValue) == ["Pat@example.com"])
        #expect(Self.manager("").ownersOnCreation.isEmpty, "a session without an address owns nothing")
    }

    @Test("a console session's viewer follows its role and address", arguments: [
        (ConsoleRole.administrator, "boss@example.com" as String?, ProgramViewer.administrator),
        (ConsoleRole.administrator, nil, ProgramViewer.administrator),
        (ConsoleRole.programManager, "pat@example.com", manager("pat@example.com")),
        (ConsoleRole.programManager, nil, manager("")),
    ])
    func sessionViewer(role: ConsoleRole, email: String?, expected: ProgramViewer) {
        let session = ConsoleSession(tenantID: TenantID(rawValue: "t"), role: role, email: email, csrfToken: "c",
                                     createdAt: .init(timeIntervalSince1970: 0), expiresAt: .init(timeIntervalSince1970: 1))
        #expect(session.programViewer == expected)
    }
}
