/// The break form: a date field and a button, plus "end the break now" when one is on.
/// Both POST to `action` (`until` = `yyyy-mm-dd`, or `choice` = `end`).
enum SnoozeForm {
    static func render(_ snooze: Snooze, action: String, anchor: String, _ kit: PageKit) -> HTMLNode {
        let t = kit.t
        return .fragment([
            kit.postForm(action, attributes: [.class("search-row")], [
                kit.textField(id: anchor + "-until", name: PortalField.until, label: t(.snoozeUntilLabel),
                              value: snooze.untilISODate ?? "", type: "date", isRequired: true,
                              extra: [.min(snooze.earliestISODate)]),
                kit.button(t(.snoozeSubmit), style: "button button-secondary"),
            ]),
            snooze.until == nil ? .empty : .el(.div, [.class("actions")], [
                kit.postForm(action, [
                    kit.hidden(PortalField.choice, "end"), kit.button(t(.snoozeEnd), style: "link-button"),
                ]),
            ]),
        ])
    }
}
