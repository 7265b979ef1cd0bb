/// The service extensions a server lists in its `EHLO` reply (RFC 5321 §4.1.1.1): one
/// keyword per line after the first, with optional parameters, e.g. `AUTH PLAIN LOGIN`.
struct SMTPCapabilities: Sendable, Equatable {
    /// Parameters by upper-cased keyword.
    private var parameters: [String: [String]] = [:]

    /// What a server that was greeted with `HELO` offers: nothing.
    static let none = SMTPCapabilities()

    private init() {}

    /// The extensions listed in a 250 reply to `EHLO`.
    init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            // Old servers also write `AUTH=PLAIN LOGIN`; both forms add to the same list.
            parameters[keyword, default: []].append(contentsOf: words.dropFirst().map { $0.uppercased() })
        }
    }

    /// Whether the server lists `keyword` (case-insensitive), e.g. `8BITMIME`.
    func supports(_ keyword: String) -> Bool {
        parameters[keyword.uppercased()] != nil
    }

    /// The SASL mechanisms listed after `AUTH`, upper-cased.
    var authenticationMechanisms: Set<String> {
        Set(parameters["AUTH"] ?? [])
    }
}
