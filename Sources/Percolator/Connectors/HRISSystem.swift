/// The HR information systems an `hris` connection can read.
enum HRISSystem: String, CaseIterable, Sendable {
    /// BambooHR's employee directory, with an API key.
    case bambooHR = "bamboohr"
    /// Personio's Personnel Data API, with client credentials.
    case personio
}
