import Coffee
import FoundationEssentials
import HTTP
import Web

extension PortalEndpoints {
    /// "Did you meet?": the form of each match on `/matches`, and the follow-up email's
    /// one-click links (`/feedback?token=…&met=…`: a GET shows the answer preselected and
    /// records nothing; its button POSTs).
    func registerFeedback(on router: inout Router) {
        router.add(.post, "/matches/{group}/feedback") { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                // The router percent-decodes path parameters: `session/number` as the card built it.
                guard let subject = request.pathParameters["group"],
                      let (sessionID, number) = PortalLink(purpose: .feedback, tenantID: session.tenantID,
                                                           memberID: session.memberID, subject: subject).group,
                      let (answer, rating) = Self.feedbackAnswer(visit.form) else { throw PortalRefusal.badForm }
                try await portal.answer(answer, rating: rating, group: number, of: sessionID, for: session, at: visit.now)
                return PortalResponses.redirect(to: paths.matches)
            }
        }
        router.add(.get, paths.feedbackLink) { request in
            await handle(request) { visit in
                let token = request.query(PortalField.token) ?? ""
                let question = try await portal.feedbackQuestion(token: token, at: visit.now)
                let proposed = request.query(PortalField.met).flatMap(MeetingAnswer.init(rawValue:))
                    ?? question.answer.flatMap { MeetingAnswer(rawValue: $0.answer.rawValue) }
                var visit = visit
                if let tenant = try await tenants.tenant(id: question.link.tenantID) { visit.organisationName = tenant.name }
                let card = Self.card(question.match, answer: proposed, rating: question.answer?.rating)
                return visit.page(FeedbackLinkPage(token: token, match: card), at: paths.feedbackLink)
            }
        }
        router.add(.post, paths.feedbackLink) { request in
            await handle(request, unsafe: true) { visit in
                let token = visit.form?[PortalField.token] ?? ""
                guard let (answer, rating) = Self.feedbackAnswer(visit.form) else { throw PortalRefusal.badForm }
                let question = try await portal.answer(answer, rating: rating, token: token, at: visit.now)
                var visit = visit
                if let tenant = try await tenants.tenant(id: question.link.tenantID) { visit.organisationName = tenant.name }
                let card = Self.card(question.match, answer: MeetingAnswer(rawValue: answer.rawValue), rating: rating)
                return visit.page(FeedbackLinkPage(token: token, match: card), at: paths.feedbackLink, notice: .saved)
            }
        }
    }

    /// The answer and rating a feedback form posted; `nil` when `met` is missing or
    /// unknown, or the rating is neither empty nor 1…5.
    static func feedbackAnswer(_ form: FormData?) -> (MeetingFeedback.Answer, Int?)? {
        guard let answer = form?[PortalField.met].flatMap(MeetingFeedback.Answer.init(rawValue:)) else { return nil }
        let text = form?[PortalField.rating] ?? ""
        if text.isEmpty { return (answer, nil) }
        guard let rating = Int(text), MeetingFeedback.ratings.contains(rating) else { return nil }
        return (answer, rating)
    }

    /// The card of `match`; `answer` (else the member's recorded one) preselected.
    static func card(_ match: PortalService.MemberMatch, answer: MeetingAnswer?, rating: Int?) -> MatchCard {
        MatchCard(groupID: PortalLink.groupSubject(session: match.group.sessionID, number: match.group.number),
                  programName: match.programName, sessionDate: day(match.group.matchedAt),
                  partners: match.partners.map { MatchPartner(name: name(of: $0), email: $0.primaryEmail?.rawValue ?? "") },
                  asksForFeedback: true,
                  answer: answer ?? match.feedback.flatMap { MeetingAnswer(rawValue: $0.answer.rawValue) },
                  rating: rating ?? match.feedback?.rating)
    }
}
