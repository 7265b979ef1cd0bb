/// A body part an ``EmailMessage`` carries after its text, such as an iCalendar
/// invitation: a message with parts is sent as `multipart/mixed`, its text first.
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
