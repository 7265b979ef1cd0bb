import Coffee
import Store

/// The emails of the outbox's email entries (welcome, invitation, left unmatched), in
/// French for `fr` locales and in English otherwise, and the introductions of matched
/// groups (``IntroductionEmail``), read from the entry's typed payload. Names are untrusted display text:
/// they enter subjects and greetings on one line (``DisplayText``), so no name can break
/// a header. The Message-ID derives from the entry's idempotency key, so a resend after
/// a crash between the relay's acceptance and the local commit carries the same id and
/// receiving systems can fold the duplicate.
enum OutboxEmailComposer {
    /// The email for `entry`, or `nil` when its kind has no email or it lacks an address.
    static func message(for entry: OutboxEntry, settings: OutboxSettings, unsubscribeToken: String? = nil) -> EmailMessage? {
        guard var message = plainMessage(for: entry, settings: settings) else { return nil }
        if let unsubscribeToken { message = UnsubscribeHeaders.adding(token: unsubscribeToken, to: message, entry: entry, settings: settings) }
        return message
    }

    /// The single-member emails the member did not ask for: not sent once it unsubscribed.
    static let unsolicitedKinds: Set<EventKind> = [.welcomeEmailRequested, .memberLeftUnmatched, .meetingFeedbackRequested]

    /// The event kinds whose email goes to one member, the entry's subject: they carry a
    /// one-click unsubscribe (RFC 8058). A match introduction goes to each member of its
    /// group as a copy of its own, with that member's link (``IntroductionCopies``).
    static let singleMemberKinds: Set<EventKind> = [
        .welcomeEmailRequested, .invitationEmailRequested, .signInLinkRequested, .memberLeftUnmatched, .meetingFeedbackRequested,
    ]

    /// The email of `entry` without the unsubscribe link.
    private static func plainMessage(for entry: OutboxEntry, settings: OutboxSettings) -> EmailMessage? {
        guard let kind = EventKind(rawValue: entry.kind) else { return nil }
        if kind == .matchIntroRequested { return entry.payload.introduction.flatMap { introduction($0, for: entry, settings: settings) } }
        guard let address = entry.payload.email else { return nil }
        let french = entry.payload.locale?.lowercased().hasPrefix("fr") ?? false
        let greetingName = entry.payload.givenName.map { DisplayText.singleLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let subject: String
        let body: String
        switch kind {
        case .welcomeEmailRequested:
            if french {
                subject = "Bienvenue dans les cafés Percolator"
                body = """
                    Bonjour\(greetingName.map { " \($0)" } ?? ""),

                    Votre organisation vous a inscrit aux rencontres café Percolator : régulièrement, nous vous
                    présenterons un ou une collègue à rencontrer autour d'un café.

                    Vous pouvez gérer votre participation ici : \(settings.portalURL)

                    À bientôt !
                    """
            } else {
                subject = "Welcome to Percolator coffee meetings"
                body = """
                    Hello\(greetingName.map { " \($0)" } ?? ""),

                    Your organisation has signed you up for Percolator coffee meetings: every round, we will
                    introduce you to a colleague to meet over a coffee.

                    You can manage your participation here: \(settings.portalURL)

                    See you soon!
                    """
            }
        case .invitationEmailRequested:
            guard let token = entry.payload.invitationToken else { return nil }
            let link = "\(settings.portalURL)/invitations/accept?token=\(token)"
            subject = french ? "Invitation aux cafés Percolator" : "You are invited to Percolator coffee meetings"
            body = french
                ? "Bonjour\(greetingName.map { " \($0)" } ?? ""),\n\nVous êtes invité(e) à rejoindre les rencontres café de votre organisation :\n\(link)\n"
                : "Hello\(greetingName.map { " \($0)" } ?? ""),\n\nYou are invited to join your organisation's coffee meetings:\n\(link)\n"
        case .signInLinkRequested:
            guard let token = entry.payload.invitationToken else { return nil }
            let link = "\(settings.portalURL)/sign-in/link?token=\(token)"
            let minutes = entry.payload.details?[OutboxPayload.validMinutesKey] ?? "30"
            subject = french ? "Votre lien de connexion" : "Your sign-in link"
            body = french
                ? "Bonjour\(greetingName.map { " \($0)" } ?? ""),\n\nPour vous connecter à votre espace membre, ouvrez ce lien (valable \(minutes) minutes, une seule fois) :\n\(link)\n\nSi vous n'avez rien demandé, ignorez ce message.\n"
                : "Hello\(greetingName.map { " \($0)" } ?? ""),\n\nTo sign in to your member portal, open this link (it works once, for \(minutes) minutes):\n\(link)\n\nIf you did not ask for it, ignore this message.\n"
        case .consoleSignInLinkRequested:
            guard let token = entry.payload.invitationToken else { return nil }
            let link = "\(settings.portalURL)/admin/sign-in/link?token=\(token)"
            let minutes = entry.payload.details?[OutboxPayload.validMinutesKey] ?? "15"
            // An address on several organisations' lists gets one link for each: each says which.
            let organisation = entry.payload.details?[OutboxPayload.organisationKey].map { DisplayText.singleLine($0) }
                .flatMap { $0.isEmpty ? nil : $0 }
            subject = (french ? "Votre lien de connexion à la console d'administration" : "Your admin console sign-in link")
                + (organisation.map { " · \($0)" } ?? "")
            let console = french
                ? "la console d'administration" + (organisation.map { " de \($0)" } ?? "")
                : "the admin console" + (organisation.map { " of \($0)" } ?? "")
            body = french
                ? "Bonjour,\n\nPour vous connecter à \(console), ouvrez ce lien (valable \(minutes) minutes, une seule fois) :\n\(link)\n\nSi vous n'avez rien demandé, ignorez ce message.\n"
                : "Hello,\n\nTo sign in to \(console), open this link (it works once, for \(minutes) minutes):\n\(link)\n\nIf you did not ask for it, ignore this message.\n"
        case .memberLeftUnmatched:
            subject = french ? "Pas de café cette fois-ci : vous serez prioritaire" : "No coffee match this time: you have priority next time"
            body = french
                ? """
                    Bonjour\(greetingName.map { " \($0)" } ?? ""),

                    Nous n'avons pas pu vous proposer de rencontre café cette fois-ci : le nombre de participants
                    ou les règles du programme ont laissé une personne sans groupe, et c'était vous.

                    Vous serez prioritaire lors de la prochaine session.

                    Vous pouvez gérer votre participation ici : \(settings.portalURL)
                    """
                : """
                    Hello\(greetingName.map { " \($0)" } ?? ""),

                    We could not introduce you to anyone this round: the number of participants or the
                    program's rules left someone without a group, and this time it was you.

                    You will have priority in the next session.

                    You can manage your participation here: \(settings.portalURL)
                    """
        case .signUpConfirmationRequested:
            guard let token = entry.payload.invitationToken else { return nil }
            let link = "\(settings.portalURL)/sign-up/confirm?token=\(token)"
            let minutes = entry.payload.details?[OutboxPayload.validMinutesKey] ?? "30"
            subject = french ? "Confirmez votre inscription" : "Confirm your sign-up"
            body = french
                ? "Bonjour\(greetingName.map { " \($0)" } ?? ""),\n\nPour confirmer votre adresse et rejoindre les rencontres café de votre organisation, ouvrez ce lien (valable \(minutes) minutes, une seule fois) :\n\(link)\n\nSi vous n'avez rien demandé, ignorez ce message.\n"
                : "Hello\(greetingName.map { " \($0)" } ?? ""),\n\nTo confirm your address and join your organisation's coffee meetings, open this link (it works once, for \(minutes) minutes):\n\(link)\n\nIf you did not ask for it, ignore this message.\n"
        case .meetingFeedbackRequested:
            guard let token = entry.payload.invitationToken, let details = entry.payload.details else { return nil }
            (subject, body) = MeetingFeedbackEmail.text(token: token, details: details, greetingName: greetingName,
                                                        french: french, portalURL: settings.portalURL)
        default:
            return nil
        }
        return EmailMessage(from: settings.smtpSender, to: [address], subject: subject, textBody: body,
                            messageID: messageID(for: entry))
    }

    /// The introduction of one matched group, to all its members that have an address
    /// (``IntroductionEmail``).
    static func introduction(_ introduction: OutboxIntroduction, for entry: OutboxEntry, settings: OutboxSettings) -> EmailMessage? {
        IntroductionEmail.message(introduction, for: entry, settings: settings)
    }

    /// `<key@percolator.invalid>`, the key's characters outside the dot-atom set replaced.
    static func messageID(for entry: OutboxEntry) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+=")
        let left = String(entry.idempotencyKey.map { allowed.contains($0) ? $0 : "." })
        return "<\(left)@percolator.invalid>"
    }
}
