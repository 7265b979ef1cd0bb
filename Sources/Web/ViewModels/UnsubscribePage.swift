/// The unsubscribe link's pages: the confirmation button, the "you are unsubscribed" page
/// with its come-back button, and the "welcome back" page.
public enum UnsubscribePage: Sendable, Hashable {
    /// Before: a button that POSTs the token to ``PortalPaths/unsubscribe``.
    case confirm(token: String)
    /// After: a button that POSTs the token to ``PortalPaths/resubscribe``.
    case unsubscribed(token: String)
    /// After coming back.
    case resubscribed
}
