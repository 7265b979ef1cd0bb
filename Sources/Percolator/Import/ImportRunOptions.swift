import Coffee
import FoundationEssentials

/// What an ``ImportRun`` keeps of a request besides its file, to plan it again after a
/// take-over: the column choices as query parameters and the welcome-email choice, as
/// JSON in the run's `options`.
struct ImportRunOptions: Codable, Equatable {
    /// `column.<Header>` / choice pairs (``ImportColumnChoices/query``).
    var columns: [[String]]
    /// Whether new members get the welcome email.
    var sendsWelcomeEmail: Bool

    /// The options of `request`.
    init(_ request: CSVImportService.Request) {
        columns = request.columns.query.map { [$0.name, $0.value] }
        sendsWelcomeEmail = request.sendsWelcomeEmail
    }

    /// The JSON text stored in the run.
    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// The request a run stored: its file with these options.
    static func request(of run: ImportRun) throws -> CSVImportService.Request {
        let options = try JSONDecoder().decode(ImportRunOptions.self, from: Data(run.options.utf8))
        let query = options.columns.compactMap { pair in pair.count == 2 ? (name: pair[0], value: pair[1]) : nil }
        return CSVImportService.Request(csv: run.csv, columns: try ImportColumnChoices(query: query),
                                        sendsWelcomeEmail: options.sendsWelcomeEmail)
    }
}
