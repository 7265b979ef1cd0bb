/// The CSV import's last step: while the rows are written in chunks, a progress bar on
/// a page that reloads itself every two seconds (`<meta http-equiv="refresh">`, no
/// script); then what was done.
public struct ConsoleImportProgressPage: Sendable, Hashable {
    /// Where the import is.
    public enum State: Sendable, Hashable {
        /// Writing: rows written so far of all.
        case applying(written: Int, total: Int)
        /// Done: members created and updated, welcome emails asked for.
        case done(created: Int, updated: Int, welcomeEmails: Int)
        /// Nothing was imported, with why (a sentence).
        case refused(String)
    }

    /// The file name (untrusted) and where the import is.
    public var filename: String
    public var state: State

    /// Creates the page.
    public init(filename: String, state: State) {
        self.filename = filename
        self.state = state
    }

    /// Seconds between reloads while applying.
    public static let refreshSeconds = 2
}

extension ConsoleImportProgressPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.importTitle) }

    var head: [HTMLNode] {
        if case .applying = state { return [ConsoleMarkup.refresh(after: Self.refreshSeconds)] }
        return []
    }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        let file = HTMLNode.el(.p, [.class("lede")], [.text(t(.importFileIs) + " "), .el(.strong, [], [.isolated(filename)])])
        switch state {
        case .applying(let written, let total):
            // Until the first chunk the file is being planned again: no count to show yet.
            let label = total == 0 ? t(.importPlanning) : t(.importProgress, ["written": String(written), "total": String(total)])
            return [file, kit.section(t(.importApplyingHeading), [
                ConsoleMarkup.progress(value: written, maximum: total, label: label),
                .el(.p, [.role("status")], text: label),
                .el(.p, [.class("hint")], text: t(.importApplyingHint)),
            ])]
        case .done(let created, let updated, let welcomeEmails):
            return [file, .el(.div, [.class("notice notice-success"), .role("status")], [
                .el(.p, text: t(.importDone, ["created": String(created), "updated": String(updated),
                                              "emails": String(welcomeEmails)])),
            ]), .el(.div, [.class("actions")], [
                .el(.a, [.class("button"), .href(ConsolePaths.members)], text: t(.navMembers)),
                .el(.a, [.class("button button-secondary"), .href(ConsolePaths.importCSV)], text: t(.importAnother)),
            ])]
        case .refused(let reason):
            return [file, .el(.div, [.class("error-summary"), .role("alert")], [
                .el(.h2, text: t(.importRefused)), .el(.p, [], [.isolated(reason)]),
            ]), .el(.a, [.class("button button-secondary"), .href(ConsolePaths.importCSV)], text: t(.importAnother))]
        }
    }
}
