import Coffee
import SCIM

/// What the admin decided for some CSV columns, by header, before the file is read; the
/// columns it does not mention get ``ColumnMapping/suggested(for:catalog:)``.
///
/// Given as query parameters of `POST /api/v1/imports`, one per column,
/// `column.<Header>=<choice>`, where `<Header>` is the header text (matched ignoring
/// case, accents, spaces, `-`, `_` and `.`, like the mandatory columns) and `<choice>`:
///
/// - `ignore` — the column is not imported;
/// - `category:<key>` — fills the existing, writable category `<key>`;
/// - `new`, `new:<label>` — a new single-select category (a drop-down whose values are
///   collected from the file), labelled `<label>` (default: the header), keyed by the
///   folded label;
/// - `new-multi[:<label>]` — the same, multi-select (cells split on `|`);
/// - `new-text[:<label>]` — the same, free text (no known values).
struct ImportColumnChoices: Sendable {
    /// One column's decision.
    enum Choice: Sendable, Equatable {
        /// `ignore`.
        case ignore
        /// `category:<key>`.
        case existing(CategoryKey)
        /// `new…[:<label>]`; the label is `nil` when the header serves.
        case new(CategoryType, label: String?)
    }

    /// The decisions, as `(header as given, choice)`, in query order.
    var choices: [(header: String, choice: Choice)] = []

    /// The query parameter prefix.
    static let prefix = "column."

    /// Reads the `column.<Header>` parameters of `query`; any other parameter is left
    /// to the caller. Throws `invalidValue` for a choice that is not one of the forms.
    init(query: [(name: String, value: String)]) throws(SCIMError) {
        for item in query where item.name.hasPrefix(Self.prefix) {
            let header = String(item.name.dropFirst(Self.prefix.count))
            guard !header.isEmpty else {
                throw .invalidValue("A column choice is written 'column.<Header>=<choice>'; the header is missing in '\(item.name)'.")
            }
            guard !choices.contains(where: { HeaderName.fold($0.header) == HeaderName.fold(header) }) else {
                throw .invalidValue("Column \"\(header)\" is given two choices; give one.")
            }
            choices.append((header, try Self.choice(item.value, header: header)))
        }
    }

    /// No choice: every column gets the suggestion.
    init() {}

    /// One `<choice>` of column `header`.
    static func choice(_ text: String, header: String) throws(SCIMError) -> Choice {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let word = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        switch word {
        case "ignore" where argument == nil:
            return .ignore
        case "category":
            guard let key = argument, !key.isEmpty else { break }
            return .existing(CategoryKey(key))
        case "new", "new-multi", "new-text":
            let type: CategoryType = word == "new" ? .singleSelect : word == "new-multi" ? .multiSelect : .text
            if let argument, argument.isEmpty { break }
            return .new(type, label: argument)
        default:
            break
        }
        throw .invalidValue("""
            Column "\(header)": '\(text)' is not a choice. Use ignore, category:<key> (an existing category), \
            new or new:<label> (a new drop-down), new-multi[:<label>] (multi-select, values split on '|') or \
            new-text[:<label>] (free text).
            """)
    }

    /// The mapping for a file whose columns are `columns`: the suggestion, overridden by
    /// the choices. Throws `invalidValue` for a choice naming no column of the file, or
    /// a mandatory one (those are always imported). Whether a chosen category exists and
    /// is writable is the planner's to report (a file error).
    func mapping(for columns: ImportColumns, catalog: CategoryCatalog,
                 newCategoriesMayExist: Bool = false) throws(SCIMError) -> ColumnMapping {
        var mapping = ColumnMapping.suggested(for: columns, catalog: catalog)
        for (header, choice) in choices {
            let folded = HeaderName.fold(header)
            guard let column = columns.others.first(where: { HeaderName.fold($0.header) == folded }) else {
                if let mandatory = HeaderName.recognize(header) {
                    throw .invalidValue("Column \"\(header)\" is the \(mandatory.label) column, which is always imported; it takes no choice.")
                }
                let names = columns.others.map { "\"\($0.header)\"" }.joined(separator: ", ")
                throw .invalidValue("The file has no column \"\(header)\"; its other columns are: \(names.isEmpty ? "none" : names).")
            }
            switch choice {
            case .ignore:
                mapping.targets[column.index] = .ignored
            case .existing(let key):
                mapping.targets[column.index] = .existingCategory(key)
            case .new(let type, let label):
                let label = label ?? column.header
                guard let derived = CategoryKey.derived(fromLabel: label) else {
                    throw .invalidValue("Column \"\(header)\": a new category needs a label with letters (a-z) or digits, its key.")
                }
                let key = derived.rawValue
                if newCategoriesMayExist, catalog[CategoryKey(key)] != nil {
                    // An import taken over after its acceptance added the category already.
                    mapping.targets[column.index] = .existingCategory(CategoryKey(key))
                } else {
                    mapping.targets[column.index] = .newCategory(Category(key: CategoryKey(key), label: label, type: type))
                }
            }
        }
        return mapping
    }

    /// The choices as the query parameters they were given as (``init(query:)`` reads
    /// them back): what an import run stores to plan again after a take-over.
    var query: [(name: String, value: String)] {
        choices.map { header, choice in
            let text = switch choice {
            case .ignore: "ignore"
            case .existing(let key): "category:\(key.rawValue)"
            case .new(let type, let label):
                (type == .singleSelect ? "new" : type == .multiSelect ? "new-multi" : "new-text") + (label.map { ":\($0)" } ?? "")
            }
            return (Self.prefix + header, text)
        }
    }
}
