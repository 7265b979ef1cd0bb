/// The CSV import's first step: choose a file and upload it (a `multipart/form-data`
/// form; the file is kept on the server for the next steps).
public struct ConsoleImportUploadPage: Sendable, Hashable {
    /// What went wrong with the last upload.
    public enum Problem: Sendable, Hashable {
        /// No file, or an empty one.
        case noFile
        /// Larger than the limit.
        case tooLarge
    }

    /// The largest file accepted, in bytes (the admin API's limit).
    public var maximumBytes: Int
    /// The last upload's problem, if any.
    public var problem: Problem?

    /// Creates the page.
    public init(maximumBytes: Int, problem: Problem? = nil) {
        self.maximumBytes = maximumBytes
        self.problem = problem
    }

    /// `bytes` as whole mebibytes (or kibibytes below one).
    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MiB" : "\(max(1, bytes / 1_024)) KiB"
    }
}

extension ConsoleImportUploadPage: ConsolePageContent {
    func title(_ kit: ConsoleKit) -> String { kit.t(.importTitle) }

    func content(_ kit: ConsoleKit) -> [HTMLNode] {
        let t = kit.t
        let error: String? = switch problem {
        case .noFile: t(.importNoFile)
        case .tooLarge: t(.importTooLarge, ["size": Self.size(maximumBytes)])
        case nil: nil
        }
        var input: [HTMLAttribute] = [.type("file"), .id("file"), .name(ConsoleField.file), .required,
                                      .aria("describedby", "file-hint" + (error == nil ? "" : " file-error"))]
        input += ConsoleMarkup.attributes([("accept", ".csv,text/csv,text/plain")])
        return [
            .el(.p, [.class("lede")], text: t(.importIntro)),
            error.map { kit.forms.errorSummary([(fieldID: "file", message: $0)]) } ?? .empty,
            kit.section(t(.importUploadHeading), [
                kit.postForm(ConsolePaths.importCSV, attributes: ConsoleMarkup.attributes([("enctype", "multipart/form-data")]), [
                    .el(.div, [.class("field")], [
                        .el(.label, [.for("file")], text: t(.importFileLabel)),
                        .el(.span, [.class("hint"), .id("file-hint")], text: t(.importFileHint, ["size": Self.size(maximumBytes)])),
                        error.map { .el(.span, [.class("field-error"), .id("file-error")], text: $0) } ?? .empty,
                        .el(.input, input),
                    ]),
                    kit.forms.button(t(.importUploadSubmit)),
                ]),
            ]),
        ]
    }
}
