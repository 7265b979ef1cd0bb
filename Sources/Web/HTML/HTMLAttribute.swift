/// One attribute of an HTML element: a name from a fixed vocabulary and a value that is
/// escaped when rendered (``HTMLEscaping/attributeValue(_:)``), always inside double quotes.
///
/// A `nil` value renders a boolean attribute (`required`, `checked`). URL-valued
/// attributes (`href`, `action`, `src`) go through ``HTMLAttribute/href(_:)`` and friends,
/// which replace anything but a relative path, `http:`, `https:` or `mailto:` by
/// `about:blank`, so a `javascript:` URL cannot reach a page even from untrusted data.
public struct HTMLAttribute: Sendable, Hashable {
    /// The attribute name (lowercase ASCII letters, digits and `-`).
    public let name: String
    /// The unescaped value; nil for a boolean attribute.
    public let value: String?

    /// An attribute with a name checked against `[a-z][a-z0-9-]*` (nil otherwise).
    public init?(name: String, value: String?) {
        guard HTMLTag(name) != nil else { return nil }
        self.name = name
        self.value = value
    }

    private init(known name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func `class`(_ value: String) -> Self { Self(known: "class", value) }
    public static func id(_ value: String) -> Self { Self(known: "id", value) }
    public static func lang(_ value: String) -> Self { Self(known: "lang", value) }
    public static func hreflang(_ value: String) -> Self { Self(known: "hreflang", value) }
    public static func dir(_ value: String) -> Self { Self(known: "dir", value) }
    public static func name(_ value: String) -> Self { Self(known: "name", value) }
    public static func value(_ value: String) -> Self { Self(known: "value", value) }
    public static func type(_ value: String) -> Self { Self(known: "type", value) }
    public static func `for`(_ value: String) -> Self { Self(known: "for", value) }
    public static func method(_ value: String) -> Self { Self(known: "method", value) }
    public static func rel(_ value: String) -> Self { Self(known: "rel", value) }
    public static func content(_ value: String) -> Self { Self(known: "content", value) }
    public static func charset(_ value: String) -> Self { Self(known: "charset", value) }
    public static func autocomplete(_ value: String) -> Self { Self(known: "autocomplete", value) }
    public static func inputmode(_ value: String) -> Self { Self(known: "inputmode", value) }
    public static func placeholder(_ value: String) -> Self { Self(known: "placeholder", value) }
    public static func title(_ value: String) -> Self { Self(known: "title", value) }
    public static func role(_ value: String) -> Self { Self(known: "role", value) }
    public static func min(_ value: String) -> Self { Self(known: "min", value) }
    public static func max(_ value: String) -> Self { Self(known: "max", value) }
    public static func maxlength(_ value: Int) -> Self { Self(known: "maxlength", String(value)) }
    public static func rows(_ value: Int) -> Self { Self(known: "rows", String(value)) }
    public static func size(_ value: Int) -> Self { Self(known: "size", String(value)) }
    public static func datetime(_ value: String) -> Self { Self(known: "datetime", value) }
    public static func scope(_ value: String) -> Self { Self(known: "scope", value) }
    /// `aria-<suffix>`; the suffix is a fixed word such as `label`, `current`, `describedby`.
    public static func aria(_ suffix: StaticString, _ value: String) -> Self { Self(known: "aria-\(suffix)", value) }
    /// `data-<suffix>`, read by the portal's script.
    public static func data(_ suffix: StaticString, _ value: String) -> Self { Self(known: "data-\(suffix)", value) }

    public static let required = Self(known: "required", nil)
    public static let checked = Self(known: "checked", nil)
    public static let selected = Self(known: "selected", nil)
    public static let multiple = Self(known: "multiple", nil)
    public static let disabled = Self(known: "disabled", nil)
    public static let readonly = Self(known: "readonly", nil)
    public static let autofocus = Self(known: "autofocus", nil)
    public static let hidden = Self(known: "hidden", nil)
    public static let `defer` = Self(known: "defer", nil)

    /// `href`, kept only when it is a safe URL (see the type's documentation).
    public static func href(_ url: String) -> Self { Self(known: "href", SafeURL.attributeValue(url)) }
    /// `action` of a form, kept only when it is a safe URL.
    public static func action(_ url: String) -> Self { Self(known: "action", SafeURL.attributeValue(url)) }
    /// `src`, kept only when it is a safe URL.
    public static func src(_ url: String) -> Self { Self(known: "src", SafeURL.attributeValue(url)) }
}
