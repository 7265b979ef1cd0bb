/// The request context a resource is validated in (after scim2-models' `Context`).
///
/// It decides four rules (RFC 7643 §2.2, RFC 7644 §3.3, §3.5):
/// - `readOnly` attributes, `id` and `meta` sent by a client are ignored on
///   ``create`` and ``replace``;
/// - `immutable` attributes may not change on ``replace`` and ``patch``;
/// - `returned` decides what a ``response`` contains;
/// - `writeOnly` attributes are never returned.
public enum SCIMOperation: Sendable, Hashable {
    /// POST to a resource endpoint (RFC 7644 §3.3).
    case create
    /// PUT of a whole resource (RFC 7644 §3.5.1).
    case replace
    /// The resource that results from applying a PATCH (RFC 7644 §3.5.2). Server-set
    /// readOnly values (`id`, `meta`, `groups`) are kept, since they come from the
    /// stored resource.
    case patch
    /// A resource about to be sent to a client (RFC 7644 §3.4, §3.9).
    case response
}
