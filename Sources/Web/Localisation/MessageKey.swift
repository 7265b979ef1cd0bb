/// The key of every sentence the portal shows. Each language's table
/// (``EnglishMessages``, ``FrenchMessages``) has a text for every key (WebTests checks it).
///
/// Texts may hold `{name}` placeholders, filled by ``Localizer/callAsFunction(_:_:)``.
public enum MessageKey: String, Sendable, Hashable, CaseIterable {
    // Layout
    case portalName, skipToContent, mainNavigation, navProfile, navPrograms, navMatches, tabProfile, tabPrograms, tabMatches
    case signOut, languageSwitch, footerText, close
    // Notices and error summaries
    case errorSummaryTitle, noticeSaved
    // Sign-in
    case signInTitle, signInIntro, emailLabel, emailHint, signInSubmit, invalidEmail, signInLinkBody, signInLinkSubmit
    // Check your email
    case checkEmailTitle, checkEmailBody, checkEmailExpiry, checkEmailHint, checkEmailRetry
    // Invitation
    case invitationTitle, invitationBody, invitationFor, invitationExpires, invitationNamesHint
    case invitationAccept, invitationWhyClick
    // Sign-up
    case signUpTitle, signUpIntro, givenNameLabel, familyNameLabel, signUpSubmit
    case signUpAllowedDomains, signUpDomainNotAllowed, missingName, signUpConfirmTitle, signUpConfirmBody, signUpConfirmSubmit
    // Profile
    case profileIntro, aboutYouHeading, languageLabel, timeZoneLabel, categoriesHeading, categoriesIntro
    case chooseOption, ownedBy, organisationDirectory, multiSelectHint, notSet, save
    // Programs
    case programsIntro, programsEmpty, scheduleLabel, nextSessionLabel, noNextSession
    case participationOptIn, participationAutomatic
    case statusIn, statusOut, statusSkipping, statusLeft, statusSnoozed
    case optIn, optOut, skipNext, unskipNext, leaveProgram, leaveConfirm, rejoinProgram
    case snoozeHeading, snoozeUntilLabel, snoozeSubmit, snoozeEnd, snoozeAllHeading, snoozeAllIntro, statusAllSnoozed
    case avoidHeading, avoidIntro, avoidEmpty, avoidRemove, avoidSearchLabel, avoidSearchSubmit
    case avoidAdd, avoidNoResults, remove, avoid
    // Matches
    case matchesIntro, matchesCurrent, matchesPast, matchesEmpty, partnersLabel
    case comparisonCategory, comparisonYou, comparisonThem, comparisonShared, comparisonDifferent
    case feedbackLegend, feedbackYes, feedbackNo, feedbackNotYet, ratingLabel, ratingNone, ratingValue
    case feedbackSubmit, feedbackRecorded, feedbackTitle, feedbackIntro
    // Unsubscribe
    case unsubscribeTitle, unsubscribeBody, unsubscribeSubmit, unsubscribedTitle, unsubscribedBody
    case comeBack, welcomeBackTitle, welcomeBackBody
    // Not available and errors
    case unavailableTitle, unavailableBody
    case notFoundTitle, notFoundBody, badRequestTitle, badRequestBody, expiredLinkTitle, expiredLinkBody
    case formExpiredTitle, formExpiredBody, tooManyRequestsTitle, tooManyRequestsBody
    case backHome, requestNewLink
}
