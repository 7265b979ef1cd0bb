import Coffee

/// RFC 8058 one-click unsubscribe on a member's email: `List-Unsubscribe` names the
/// portal's unsubscribe URL (its token stands for the member; a POST to it unsubscribes
/// without cookie or form token), `List-Unsubscribe-Post` says one click is enough, and
/// the body ends with the same link for people.
enum UnsubscribeHeaders {
    /// `message` with the headers and the footer of unsubscribe link `token`.
    static func adding(token: String, to message: EmailMessage, entry: OutboxEntry, settings: OutboxSettings) -> EmailMessage {
        let url = link(token: token, portalURL: settings.portalURL)
        var message = message
        message.headers.append(EmailHeader(name: "List-Unsubscribe", value: "<\(url)>"))
        message.headers.append(EmailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"))
        let french = entry.payload.locale?.lowercased().hasPrefix("fr") ?? false
        message.textBody += (message.textBody.hasSuffix("\n") ? "" : "\n")
            + (french ? "\n--\nNe plus recevoir ces messages : \(url)\n" : "\n--\nStop receiving these emails: \(url)\n")
        return message
    }

    /// The unsubscribe URL of `token` (the token travels in the URL, which the RFC 8058
    /// POST keeps: its body is only `List-Unsubscribe=One-Click`).
    static func link(token: String, portalURL: String) -> String { "\(portalURL)/unsubscribe?token=\(token)" }
}
