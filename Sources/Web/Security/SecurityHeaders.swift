/// The response headers of ../shared/design/web.md, as lists of (name, value) pairs the
/// server copies onto its responses.
public enum SecurityHeaders {
    /// The Content Security Policy of every page: only our own scripts, styles, forms and
    /// images (plus `data:` images), no framing, no `<base>`.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    /// The headers of every HTML page. Pages show personal data and carry CSRF tokens, so
    /// they are also `Cache-Control: no-store`.
    public static let page: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]

    /// The headers of a static asset served under its content-hash URL: cached for a
    /// year and immutable, since a new content gets a new URL.
    public static let asset: [(name: String, value: String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "public, max-age=31536000, immutable"),
    ]
}
