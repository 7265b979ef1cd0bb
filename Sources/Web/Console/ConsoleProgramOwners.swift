/// A program's owners on its create and edit forms (issue 13, item 1): an administrator
/// ticks the program managers who own it (checkboxes, no script); a program manager
/// reads who owns it. A program manager sees only the programs it owns; administrators
/// see every program.
public struct ConsoleProgramOwners: Sendable, Hashable {
    /// The addresses an administrator may tick (the tenant's program managers, and any
    /// current owner), value and label both the address (untrusted).
    public var choices: [ConsoleChoice]
    /// The addresses ticked, or shown as owners.
    public var owners: [String]
    /// Whether the signed-in person sets owners (administrators) or only reads them.
    public var isEditable: Bool

    /// Creates the block.
    public init(choices: [ConsoleChoice] = [], owners: [String] = [], isEditable: Bool = false) {
        self.choices = choices
        self.owners = owners
        self.isEditable = isEditable
    }

    /// The block as a card of the edit form, or, on the create form (already a card), as
    /// its fields only. An editable block carries ``ConsoleField/ownersShown``, so that a
    /// form with every box unticked still says "no owners".
    func section(_ kit: ConsoleKit, isNew: Bool = false) -> HTMLNode {
        let t = kit.t, forms = kit.forms
        let nodes: [HTMLNode]
        if isEditable {
            nodes = [
                .el(.p, [.class("muted")], text: t(.ownersHint)), forms.hidden(ConsoleField.ownersShown, "1"),
                choices.isEmpty
                    ? .el(.p, [.class("muted")], text: t(.noProgramManagers))
                    : forms.choices(id: "owner", name: ConsoleField.owner, legend: t(.ownersLegend), type: "checkbox",
                                    options: choices.map { (value: $0.value, label: $0.label) }, checked: Set(owners)),
            ]
        } else {
            let text = isNew ? t(.ownersCreatorNote)
                : owners.isEmpty ? t(.ownersNone) : t(.ownersList, ["owners": owners.joined(separator: ", ")])
            nodes = [.el(.p, [.class("muted"), .id("owners")], text: text)]
        }
        return isNew ? .el(.div, [.class("owners")], nodes) : kit.section(t(.ownersHeading), nodes)
    }
}
