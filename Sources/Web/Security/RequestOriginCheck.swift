import Foundation

/// The second CSRF defence of ../shared/design/web.md: on an unsafe request, the browser's
/// `Sec-Fetch-Site` and `Origin` headers, when present, must say the request comes from
/// our own pages.
///
/// - `Sec-Fetch-Site` (Fetch Metadata): `same-origin` and `none` (the user typed or
///   bookmarked it) pass; `same-site` and `cross-site` fail, since a sibling subdomain is
///   another application.
/// - `Origin` (RFC 6454 §7): must equal the public origin; `null` (sandboxed frames,
///   some redirects) fails.
/// - Neither header (old browsers, non-browser clients): passes here; the CSRF token
///   (``CSRFToken``) still has to match.
public enum RequestOriginCheck {
    /// The outcome; `reason` says which header failed, for a log line.
    public enum Verdict: Sendable, Equatable {
        case allowed
        case refused(reason: String)
    }

    /// Checks the headers of an unsafe request against `publicOrigin`.
    public static func evaluate(origin: String?, secFetchSite: String?, publicOrigin: PublicOrigin) -> Verdict {
        if let site = secFetchSite?.trimmingCharacters(in: .whitespaces).lowercased(), !site.isEmpty {
            guard site == "same-origin" || site == "none" else { return .refused(reason: "Sec-Fetch-Site is \(site)") }
        }
        if let origin = origin?.trimmingCharacters(in: .whitespaces), !origin.isEmpty {
            guard let presented = PublicOrigin(publicURL: origin), presented == publicOrigin else {
                return .refused(reason: "Origin is not the public origin")
            }
        }
        return .allowed
    }
}
