/// The names of the portal's form fields, shared by the renderers and the handlers that
/// read the posted ``FormData``.
public enum PortalField {
    /// The CSRF token (``CSRFToken/fieldName``).
    public static let csrf = CSRFToken.fieldName
    /// An email address (sign-in, sign-up).
    public static let email = "email"
    /// The first name.
    public static let givenName = "givenName"
    /// The last name.
    public static let familyName = "familyName"
    /// The language tag (`en`, `fr`).
    public static let language = "language"
    /// The IANA time zone.
    public static let timeZone = "timeZone"
    /// A single-use token from a link (invitation, sign-in, unsubscribe).
    public static let token = "token"
    /// Which of a form's actions was chosen (see ``PortalPaths``).
    public static let choice = "choice"
    /// The snooze's last day, `yyyy-mm-dd`.
    public static let until = "until"
    /// A member id (avoid list).
    public static let member = "member"
    /// The avoid list's search (GET) and the program it searches for.
    public static let query = "q"
    /// The program whose avoid list a search is for.
    public static let program = "program"
    /// The "Did you meet?" answer and the optional rating.
    public static let met = "met"
    /// The optional rating, `1`…`5` or empty.
    public static let rating = "rating"
    /// Sent once per member-editable category on the profile form, so that a multi select
    /// with nothing ticked (which sends no value) still says "cleared".
    public static let categoryPresent = "categories"

    /// The field of category `key`; repeated for a multi select.
    public static func category(_ key: String) -> String { "category." + key }
}
