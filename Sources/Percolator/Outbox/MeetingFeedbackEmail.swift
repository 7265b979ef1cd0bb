import Coffee

/// The "Did you meet?" email sent some days after a match (`MeetingFeedbackRequested`):
/// one link per answer, each opening the portal's feedback page with that answer
/// preselected (the page records nothing until its button is pressed: mail scanners
/// open links).
enum MeetingFeedbackEmail {
    /// The subject and body, from the entry's token and details (program, partners).
    static func text(token: String, details: [String: String], greetingName: String?, french: Bool,
                     portalURL: String) -> (subject: String, body: String) {
        let program = DisplayText.singleLine(details[OutboxPayload.programKey] ?? "")
        let partners = (details[OutboxPayload.partnersKey] ?? "").split(separator: "\n")
            .map { DisplayText.singleLine(String($0)) }.filter { !$0.isEmpty }.joined(separator: ", ")
        func link(_ answer: MeetingFeedback.Answer) -> String { "\(portalURL)/feedback?token=\(token)&met=\(answer.rawValue)" }
        let hello = (french ? "Bonjour" : "Hello") + (greetingName.map { " \($0)" } ?? "")
        if french {
            return ("Avez-vous pris ce café ?", """
                \(hello),

                Il y a quelques jours, \(program.isEmpty ? "le programme" : "« \(program) »") vous a présenté \(partners.isEmpty ? "un ou une collègue" : partners).
                Vous êtes-vous rencontrés ? Un clic suffit (vous pourrez aussi noter la rencontre) :

                Oui : \(link(.yes))
                Non : \(link(.no))
                Pas encore : \(link(.notYet))
                """)
        }
        return ("Did you meet for that coffee?", """
            \(hello),

            A few days ago, \(program.isEmpty ? "your program" : "\"\(program)\"") introduced you to \(partners.isEmpty ? "a colleague" : partners).
            Did you meet? One click is enough (you can also rate the meeting):

            Yes: \(link(.yes))
            No: \(link(.no))
            Not yet: \(link(.notYet))
            """)
    }
}
