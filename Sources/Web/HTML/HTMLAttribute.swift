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

    /// The `class` attribute.
    public static func `class`(_ value: String) -> Self { Self(known: "class", value) }
    /// The `id` attribute.
    public static func id(_ value: String) -> Self { Self(known: "id", value) }
    /// The `lang` attribute.
    public static func lang(_ value: String) -> Self { Self(known: "lang", value) }
    /// The `hreflang` attribute.
    public static func hreflang(_ value: String) -> Self { Self(known: "hreflang", value) }
    /// The `dir` attribute.
    public static func dir(_ value: String) -> Self { Self(known: "dir", value) }
    /// The `name` attribute.
    public static func name(_ value: String) -> Self { Self(known: "name", value) }
    /// The `value` attribute.
    public static func value(_ value: String) -> Self { Self(known: "value", value) }
    /// The `type` attribute.
    public static func type(_ value: String) -> Self { Self(known: "type", value) }
    /// The `for` attribute.
    public static func `for`(_ value: String) -> Self { Self(known: "for", value) }
    /// The `method` attribute.
    public static func method(_ value: String) -> Self { Self(known: "method", value) }
    /// The `rel` attribute.
    public static func rel(_ value: String) -> Self { Self(known: "rel", value) }
    /// The `content` attribute.
    public static func content(_ value: String) -> Self { Self(known: "content", value) }
    /// The `charset` attribute.
    public static func charset(_ value: String) -> Self { Self(known: "charset", value) }
    /// The `autocomplete` attribute.
    public static func autocomplete(_ value: String) -> Self { Self(known: "autocomplete", value) }
    /// The `inputmode` attribute.
    public static func inputmode(_ value: String) -> Self { Self(known: "inputmode", value) }
    /// The `placeholder` attribute.
    public static func placeholder(_ value: String) -> Self { Self(known: "placeholder", value) }
    /// The `title` attribute.
    public static func title(_ value: String) -> Self { Self(known: "title", value) }
    /// The `role` attribute.
    public static func role(_ value: String) -> Self { Self(known: "role", value) }
    /// The `min` attribute.
    public static func min(_ value: String) -> Self { Self(known: "min", value) }
    /// The `max` attribute.
    public static func max(_ value: String) -> Self { Self(known: "max", value) }
    /// The `maxlength` attribute.
    public static func maxlength(_ value: Int) -> Self { Self(known: "maxlength", String(value)) }
    /// The `rows` attribute.
    public static func rows(_ value: Int) -> Self { Self(known: "rows", String(value)) }
    /// The `size` attribute.
    public static func size(_ value: Int) -> Self { Self(known: "size", String(value)) }
    /// The `tabindex` attribute (`-1`: not reached by Tab).
    public static func tabindex(_ value: Int) -> Self { Self(known: "tabindex", String(value)) }
    /// The `datetime` attribute.
    public static func datetime(_ value: String) -> Self { Self(known: "datetime", value) }
    /// The `scope` attribute.
    public static func scope(_ value: String) -> Self { Self(known: "scope", value) }
    /// `aria-<suffix>`; the suffix is a fixed word such as `label`, `current`, `describedby`.
    public static func aria(_ suffix: StaticString, _ value: String) -> Self { Self(known: "aria-\(suffix)", value) }
    /// `data-<suffix>`, read by the portal's script.
    public static func data(_ suffix: StaticString, _ value: String) -> Self { Self(known: "data-\(suffix)", value) }

    /// The boolean attribute `required`.
    public static let required = Self(known: "required", nil)
    /// The boolean attribute `checked`.
    public static let checked = Self(known: "checked", nil)
    /// The boolean attribute `selected`.
    public static let selected = Self(known: "selected", nil)
    /// The boolean attribute `multiple`.
    public static let multiple = Self(known: "multiple", nil)
    /// The boolean attribute `disabled`.
    public static let disabled = Self(known: "disabled", nil)
    /// The boolean attribute `readonly`.
    public static let readonly = Self(known: "readonly", nil)
    /// The boolean attribute `autofocus`.
    public static let autofocus = Self(known: "autofocus", nil)
    /// The boolean attribute `hidden`.
    public static let hidden = Self(known: "hidden", nil)
    /// The boolean attribute `defer`.
    public static let `defer` = Self(known: "defer", nil)

    /// `href`, kept only when it is a safe URL (see the type's documentation).
    public static func href(_ url: String) -> Self { Self(known: "href", SafeURL.attributeValue(url)) }
    /// `action` of a form, kept only when it is a safe URL.
    public static func action(_ url: String) -> Self { Self(known: "action", SafeURL.attributeValue(url)) }
    /// `src`, kept only when it is a safe URL.
    public static func src(_ url: String) -> Self { Self(known: "src", SafeURL.attributeValue(url)) }
}
