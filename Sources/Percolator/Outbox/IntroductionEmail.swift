import Coffee
import FoundationEssentials
import Store

/// The introduction of one matched group as an email: each member named with the
/// category values the program's rules read, the proposed meeting time on each
/// member's clock, and an iCalendar invitation for it (``CalendarInvitation``, as
/// `text/calendar; method=REQUEST` beside the text and as an `invitation.ics` file) — or the
/// news that no time falls within everyone's working hours. Names and values are
/// untrusted display text: on one line each (``DisplayText``), in headers and body.
///
/// An introduction stored before introductions carried categories and a meeting is
/// rendered exactly as it was then.
enum IntroductionEmail {
    /// The file name of the invitation part.
    static let invitationFilename = "invitation.ics"
    /// The most characters a category value keeps.
    static let maximumValueLength = 64

    /// The email for `introduction`, or `nil` when no member has an address.
    static func message(_ introduction: OutboxIntroduction, for entry: OutboxEntry, settings: OutboxSettings) -> EmailMessage? {
        let emails = introduction.members.compactMap(\.email)
        guard !emails.isEmpty else { return nil }
        let names = introduction.members.map { DisplayText.singleLine($0.fullName) }.filter { !$0.isEmpty }.joined(separator: ", ")
        let subject = "Your coffee match: \(names)"
        let messageID = OutboxEmailComposer.messageID(for: entry)
        let isLegacy = introduction.meeting == nil && introduction.members.allSatisfy { $0.categories == nil }
        guard !isLegacy else {
            let body = """
                Hello \(names),

                You have been matched for this round of coffee meetings. Reply to all to find a time
                that suits everyone: a coffee, a walk or a video call.

                Enjoy!
                """
            return EmailMessage(from: settings.smtpSender, to: emails, subject: subject, textBody: body, messageID: messageID)
        }
        let lines = memberLines(introduction)
        var body = "Hello \(names),\n\nYou have been matched for this round of coffee meetings:\n\n"
        body += lines.map { "  - \($0)\n" }.joined()
        body += "\n" + meetingParagraph(introduction) + "\n\nEnjoy!\n"
        var parts: [EmailPart] = []
        if let slot = introduction.meeting?.slot,
           let invitation = invitation(introduction, slot: slot, for: entry, summary: "Coffee: \(names)",
                                       description: lines.joined(separator: "\n"), settings: settings) {
            // As calendar services send requests: the request beside the text (where Outlook
            // and Gmail look for it), and the same object as a file for any other client.
            parts.append(EmailPart(contentType: "text/calendar; method=REQUEST", body: invitation.text))
            parts.append(EmailPart(contentType: "application/ics", filename: invitationFilename, body: invitation.text))
        }
        return EmailMessage(from: settings.smtpSender, to: emails, subject: subject, textBody: body,
                            messageID: messageID, parts: parts)
    }

    /// "Ada Lovelace — Department: Engineering, City: Paris", one per named member.
    static func memberLines(_ introduction: OutboxIntroduction) -> [String] {
        introduction.members.compactMap { member in
            let name = DisplayText.singleLine(member.fullName)
            guard !name.isEmpty else { return nil }
            let categories = (member.categories ?? []).compactMap { category -> String? in
                let label = DisplayText.singleLine(category.label, maximumLength: maximumValueLength)
                let values = category.values.map { DisplayText.singleLine($0, maximumLength: maximumValueLength) }
                    .filter { !$0.isEmpty }
                return label.isEmpty || values.isEmpty ? nil : "\(label): \(values.joined(separator: ", "))"
            }
            return categories.isEmpty ? name : "\(name) — \(categories.joined(separator: ", "))"
        }
    }

    /// The proposed time on each member's clock, or why there is none.
    static func meetingParagraph(_ introduction: OutboxIntroduction) -> String {
        let hours = WorkingHours.officeHours
        var seen: Set<String> = []
        let zones = introduction.members.compactMap(\.timeZone).filter { seen.insert($0).inserted }
        guard let meeting = introduction.meeting else {
            return "Reply to all to find a time that suits everyone: a coffee, a walk or a video call."
        }
        guard let slot = meeting.slot else {
            return """
                No 30-minute time in the week from \(dateText(meeting.windowStart, in: zones.first ?? "UTC")) falls within \
                working hours (\(hours.start)–\(hours.end), Monday to Friday) in everyone's time zone \
                (\(zones.joined(separator: ", "))), so no invitation is attached. Reply to all to find a time \
                that suits everyone: a coffee, a walk or a video call.
                """
        }
        let times = zones.compactMap { zone in
            slot.wallClock(in: zone).map { "\(clockText($0)) (\(zone))" }
        }
        return """
            A time within everyone's working hours: \(times.joined(separator: "; ")).
            The attached invitation puts it in your calendar; reply to all if another time suits you better.
            """
    }

    /// "Thursday 10 December 2026, 15:00–15:30".
    static func clockText(_ clock: MeetingSlot.WallClock) -> String {
        "\(weekdays[(clock.weekday - 1) % 7]) \(clock.day) \(months[(clock.month - 1) % 12]) \(clock.year), "
            + "\(clock.start)–\(clock.end)"
    }

    /// "Monday 7 December 2026" in `zone`.
    static func dateText(_ date: Date, in zone: String) -> String {
        guard let clock = MeetingSlot(start: date, end: date).wallClock(in: zone) else { return "" }
        return "\(weekdays[(clock.weekday - 1) % 7]) \(clock.day) \(months[(clock.month - 1) % 12]) \(clock.year)"
    }

    /// The invitation to `slot`, from the sender to every member with an address; `nil`
    /// when the sender is not an address.
    static func invitation(_ introduction: OutboxIntroduction, slot: MeetingSlot, for entry: OutboxEntry,
                           summary: String, description: String, settings: OutboxSettings) -> CalendarInvitation? {
        guard let sender = try? MailAddress.parse(settings.smtpSender, field: "from") else { return nil }
        let attendees = introduction.members.compactMap { member in
            member.email.map { CalendarInvitation.Person(name: member.fullName, address: $0) }
        }
        let messageID = OutboxEmailComposer.messageID(for: entry)
        return CalendarInvitation(uid: String(messageID.dropFirst().dropLast()), stamp: entry.occurredAt,
                                  start: slot.start, end: slot.end, summary: summary, description: description,
                                  organizer: .init(name: sender.displayName ?? "Percolator", address: sender.address),
                                  attendees: attendees)
    }

    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
}
