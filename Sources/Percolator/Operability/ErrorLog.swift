/// Unexpected errors, one JSON line each on standard error, with the request id the
/// client was given, so an operator can find the cause of a 500. The line holds the
/// error's own description (a `StoreError` carries its SQL text, never bound values);
/// it never reaches a client.
public enum ErrorLog {
    /// The request being served, for the lines written while serving it.
    @TaskLocal public static var requestID: String?

    /// Writes one `unexpected_error` line.
    public static func unexpected(_ error: any Error, context: String) {
        var line = "{\"time\":\"\(Timestamp.now())\",\"level\":\"error\",\"event\":\"unexpected_error\""
        if let requestID { line += ",\"requestId\":\(JSONText.quote(requestID))" }
        line += ",\"context\":\(JSONText.quote(context)),\"error\":\(JSONText.quote(String(describing: error)))}"
        ConsoleOutput.standardError(line + "\n")
    }
}
