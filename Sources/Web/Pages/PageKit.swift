/// The pieces the page renderers share: the localizer, the paths, and form controls that
/// always carry a label, and (for POST forms) the CSRF field.
struct PageKit {
    let context: PageContext
    let t: Localizer

    init(_ context: PageContext) {
        self.context = context
        self.t = Localizer(context.language)
    }

    var paths: PortalPaths { context.paths }

    /// A POST form to `action` with the CSRF field first.
    func postForm(_ action: String, attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode {
        .el(.form, [.method("post"), .action(action)] + attributes, [csrfField] + children)
    }

    /// The hidden CSRF field.
    var csrfField: HTMLNode {
        .el(.input, [.type("hidden"), .name(PortalField.csrf), .value(context.csrfToken)])
    }

    /// A hidden field.
    func hidden(_ name: String, _ value: String) -> HTMLNode {
        .el(.input, [.type("hidden"), .name(name), .value(value)])
    }

    /// A labelled one-line input, with an optional hint and error (both linked by
    /// `aria-describedby`).
    func textField(id: String, name: String, label: String, value: String, type: String = "text",
                   autocomplete: String? = nil, hint: String? = nil, error: String? = nil,
                   isRequired: Bool = false, extra: [HTMLAttribute] = []) -> HTMLNode {
        var attributes: [HTMLAttribute] = [.type(type), .id(id), .name(name), .value(value)]
        if let autocomplete { attributes.append(.autocomplete(autocomplete)) }
        if isRequired { attributes.append(.required) }
        // Names and free text may be right to left: let the browser align them by content.
        if type == "text" || type == "search" { attributes.append(.dir("auto")) }
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil { described.append(id + "-error"); attributes.append(.aria("invalid", "true")) }
        if !described.isEmpty { attributes.append(.aria("describedby", described.joined(separator: " "))) }
        return .el(.div, [.class("field")], [
            .el(.label, [.for(id)], text: label),
            hint.map { .el(.span, [.class("hint"), .id(id + "-hint")], text: $0) } ?? .empty,
            error.map { .el(.span, [.class("field-error"), .id(id + "-error")], text: $0) } ?? .empty,
            .el(.input, attributes + extra),
        ])
    }

    /// A labelled drop-down.
    func select(id: String, name: String, label: String, options: [(value: String, label: String)], selected: String?,
                placeholder: String? = nil, hint: String? = nil) -> HTMLNode {
        var optionNodes: [HTMLNode] = []
        if let placeholder { optionNodes.append(.el(.option, [.value("")] + (selected == nil ? [.selected] : []), text: placeholder)) }
        for option in options {
            optionNodes.append(.el(.option, [.value(option.value)] + (option.value == selected ? [.selected] : []), text: option.label))
        }
        var attributes: [HTMLAttribute] = [.id(id), .name(name)]
        if hint != nil { attributes.append(.aria("describedby", id + "-hint")) }
        return .el(.div, [.class("field")], [
            .el(.label, [.for(id)], text: label),
            hint.map { .el(.span, [.class("hint"), .id(id + "-hint")], text: $0) } ?? .empty,
            .el(.select, attributes, optionNodes),
        ])
    }

    /// A group of check boxes or radio buttons in a fieldset whose legend is the label.
    func choices(id: String, name: String, legend: String, type: String, options: [(value: String, label: String)],
                 checked: Set<String>, hint: String? = nil) -> HTMLNode {
        let items: [HTMLNode] = options.enumerated().map { index, option in
            let optionID = "\(id)-\(index)"
            return .el(.label, [.class("choice"), .for(optionID)], [
                .el(.input, [.type(type), .id(optionID), .name(name), .value(option.value)]
                    + (checked.contains(option.value) ? [.checked] : [])),
                .isolated(option.label),
            ])
        }
        return .el(.fieldset, [.class("field")] + (hint != nil ? [.aria("describedby", id + "-hint")] : []), [
            .el(.legend, text: legend),
            hint.map { .el(.span, [.class("hint"), .id(id + "-hint")], text: $0) } ?? .empty,
            .el(.div, [.class("choices")], items),
        ])
    }

    /// A submit button.
    func button(_ label: String, style: String = "button", name: String? = nil, value: String? = nil,
                extra: [HTMLAttribute] = []) -> HTMLNode {
        var attributes: [HTMLAttribute] = [.type("submit"), .class(style)]
        if let name { attributes.append(.name(name)) }
        if let value { attributes.append(.value(value)) }
        return .el(.button, attributes + extra, text: label)
    }

    /// The box listing a form's problems, each linking to its field.
    func errorSummary(_ problems: [(fieldID: String, message: String)]) -> HTMLNode {
        guard !problems.isEmpty else { return .empty }
        return .el(.div, [.class("error-summary"), .role("alert"), .aria("labelledby", "error-summary-title")], [
            .el(.h2, [.id("error-summary-title")], text: t(.errorSummaryTitle)),
            .el(.ul, [], problems.map { .el(.li, [], [.el(.a, [.href("#" + $0.fieldID)], text: $0.message)]) }),
        ])
    }

    /// A narrow page's single card with the `<h1>`.
    func card(title: String, _ children: [HTMLNode]) -> HTMLNode {
        .el(.section, [.class("card")], [.el(.h1, text: title)] + children)
    }
}
