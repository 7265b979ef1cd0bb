/// A body part an ``EmailMessage`` carries after its text. Without a file name it is
/// another rendering of the message (an iCalendar request: the text and it are sent as
/// `multipart/alternative`, where calendar clients look for a request); with one, an
/// attachment (`multipart/mixed`, after the text and its alternatives).
public struct EmailPart: Sendable, Equatable {
    /// The media type and its parameters but `charset`, printable ASCII on one line:
    /// `text/calendar; method=REQUEST`. A `text/…` part is sent with `charset=utf-8`.
    public var contentType: String
    /// The file name a reader saves the part as (`invitation.ics`), when it is offered as
    /// an attachment; printable ASCII without `"` or `\`.
    public var filename: String?
    /// The content, any Unicode text; any line ending is sent as CRLF.
    public var body: String

    /// A part; see each property for the forms it accepts.
    public init(contentType: String, filename: String? = nil, body: String) {
        self.contentType = contentType
        self.filename = filename
        self.body = body
    }
}
