import Foundation

/// Chooses the portal's language for a request (../shared/design/web.md, "Languages"):
/// an explicit choice (the language switch), else the member's `preferredLanguage` or
/// `locale`, else the browser's `Accept-Language` (RFC 9110 §12.5.4, with q-values),
/// else English.
public enum LanguageNegotiation {
    /// The language to use. Each argument may be nil or unusable, and is then skipped.
    public static func choose(explicit: String? = nil, preferred: String? = nil, locale: String? = nil,
                              acceptLanguage: String? = nil) -> Language {
        for candidate in [explicit, preferred, locale] {
            if let candidate, let language = Language(tag: candidate) { return language }
        }
        if let acceptLanguage, let language = fromAcceptLanguage(acceptLanguage) { return language }
        return .english
    }

    /// The best language of an `Accept-Language` value: the highest q-value among the
    /// languages we speak (ties go to the earlier entry); `*` counts as English; entries
    /// with `q=0` or an unreadable q-value are refused. Nil when none is acceptable.
    public static func fromAcceptLanguage(_ header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for entry in header.split(separator: ",").prefix(50) {
            let parts = entry.split(separator: ";")
            guard let range = parts.first?.trimmingCharacters(in: .whitespaces), !range.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "q" else { continue }
                guard let q = Double(pair[1]), q >= 0, q <= 1 else { quality = 0; break }
                quality = q
            }
            guard quality > 0 else { continue }
            let language = range == "*" ? Language.english : Language(tag: range)
            guard let language else { continue }
            if quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }
}
