import Coffee
import FoundationEssentials
import Web

/// The console's words for the domain's rules and reasons, in the visit's language: a
/// page never shows a Swift case name (`aloneAfterGrouping`) or a type's description.
extension ConsoleEndpoints {
    /// A matching rule as an administrator reads it ("different Department").
    static func ruleLabel(_ rule: MatchingRule, _ t: ConsoleLocalizer) -> String {
        switch rule {
        case .differentValue(let category, _): t(.ruleDifferent) + " " + category
        case .sameValue(let category, _): t(.ruleSame) + " " + category
        case .denyPair(let categoryA, let valueA, let categoryB, let valueB):
            t(.ruleDenyPair, ["a": "\(categoryA) = \(valueA)", "b": "\(categoryB) = \(valueB)"])
        case .allowPair(let categoryA, let valueA, let categoryB, let valueB, _):
            t(.ruleAllowPair, ["a": "\(categoryA) = \(valueA)", "b": "\(categoryB) = \(valueB)"])
        case .notWithManager: t(.ruleNotWithManager)
        case .sameTimeZone(let hours): t(.ruleSameTimeZone, ["hours": String(hours)])
        case .differentTimeZone(let hours, _): t(.ruleDifferentTimeZone, ["hours": String(hours)])
        }
    }

    /// Why the engine left a participant without a group.
    static func reasonLabel(_ reason: UnmatchedReason, _ t: ConsoleLocalizer) -> String {
        switch reason {
        case .onlyParticipant: t(.reasonOnlyParticipant)
        case .aloneAfterGrouping: t(.reasonAlone)
        case .noCompatiblePartner: t(.reasonNoPartner)
        case .noValueForSameValueRule(let category): t(.reasonNoValue, ["category": category])
        case .duplicateParticipant: t(.reasonDuplicate)
        }
    }

    /// What an outbox entry of `kind` records, in words ("Welcome email"); a kind this
    /// build does not know (written by a newer instance) is shown as stored.
    static func eventLabel(_ kind: String, _ t: ConsoleLocalizer) -> String {
        guard let known = EventKind(rawValue: kind) else { return kind }
        return switch known {
        case .memberProvisioned: t(.eventMemberProvisioned)
        case .welcomeEmailRequested: t(.eventWelcomeEmail)
        case .memberDeactivated: t(.eventMemberDeactivated)
        case .memberReactivated: t(.eventMemberReactivated)
        case .memberUpdated: t(.eventMemberUpdated)
        case .memberDeprovisioned: t(.eventMemberDeprovisioned)
        case .memberPurged: t(.eventMemberPurged)
        case .invitationEmailRequested: t(.eventInvitationEmail)
        case .invitationAccepted: t(.eventInvitationAccepted)
        case .groupMembershipChanged: t(.eventGroupMembershipChanged)
        case .programAudienceBroken: t(.eventProgramAudienceBroken)
        case .matchIntroRequested: t(.eventMatchIntroduction)
        case .memberLeftUnmatched: t(.eventLeftUnmatched)
        case .signInLinkRequested: t(.eventSignInLink)
        case .meetingFeedbackRequested: t(.eventMeetingFeedback)
        case .signUpConfirmationRequested: t(.eventSignUpConfirmation)
        case .consoleSignInLinkRequested: t(.eventConsoleSignInLink)
        case .meetingFeedbackScheduled: t(.eventMeetingFeedbackScheduled)
        }
    }

    /// Why a member was left out of a session before the engine ran.
    static func exclusionLabel(_ reason: ExclusionReason, _ t: ConsoleLocalizer) -> String {
        switch reason {
        case .ineligible: t(.reasonIneligible)
        case .snoozedInProgram: t(.reasonSnoozed)
        case .optedOutOfSession: t(.reasonOptedOut)
        case .notOptedIn: t(.reasonNotOptedIn)
        case .outsideAudience: t(.reasonOutsideAudience)
        }
    }
}
