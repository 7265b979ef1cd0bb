/// The key of every sentence the admin console shows. Each language's table
/// (``ConsoleEnglishMessages``, ``ConsoleFrenchMessages``) has a text for every key
/// (WebTests checks it). Kept apart from the portal's ``MessageKey``.
public enum ConsoleMessageKey: String, Sendable, Hashable, CaseIterable {
    // Layout
    case consoleName, navHome, navMembers, navImport, navInvitations, navPrograms, navEmails, navConnect
    case roleAdministrator, roleProgramManager, signedInWithToken
    // Sign-in
    case signInTitle, signInIntro, tokenHeading, tokenLabel, tokenHint, tokenSubmit, tokenRefused
    case emailHeading, emailLabel, emailSubmit, checkEmailTitle, checkEmailBody, linkTitle, linkBody, linkSubmit
    // Home
    case homeTitle, homeIntro, membersByStatus, statusActive, statusPending, statusInactive, statusDeprovisioned
    case nextSessions, noNextSessions, emailsHeading, emailsWaiting, emailsFailed
    // Members
    case membersTitle, membersIntro, searchLabel, statusFilter, anyStatus, searchSubmit, addMember, nameColumn
    case emailColumn, statusColumn, sourceColumn, noMembers, nextPage, memberTitle, memberData, categoriesHeading
    case ownerDirectory, ownerMember, ownerAdmin, programsHeading, historyHeading, noHistory, addMemberTitle
    case givenNameLabel, familyNameLabel, memberEmailLabel, welcomeLabel, welcomeYes, welcomeNo, addSubmit, missingFields
    case emailTaken, memberAdded, whenColumn, whatColumn, programColumn, partnersColumn, valuesColumn, ownerColumn
    case matchHistoryHeading
    // Programs and sessions
    case programsTitle, programsIntro, newProgram, noPrograms, programNameLabel, groupSizeLabel, participationLabel
    case participationAutomatic, participationOptIn, ruleHeading, ruleNone, ruleDifferent, ruleSame, ruleCategoryLabel
    case createProgram, programCreated, programInvalid, sessionsHeading, noSessions, newSessionLabel, addSession
    case sessionTitle, stateLabel, matchAtLabel, runMatch, groupsHeading, unmatchedHeading, noGroups, groupLabel
    case matchedNotice, viewSession, activate, statusLabel
    // Connect your identity provider
    case connectTitle, connectIntro, baseURLLabel, tokensHeading, tokenLabelField, issueToken, newTokenTitle, newTokenBody
    case tokenColumnLabel, tokenColumnCreated, tokenColumnLastUsed, tokenColumnState, neverUsed, tokenActive, tokenRevoked
    case revokeToken, noTokens, guidesHeading, guideEntra, guideOkta
    // Emails
    case emailsTitle, emailsIntro, noEmails, recipientColumn, errorColumn, emailPending, emailDelivered, emailFailed
    // States
    case stateDraft, stateActive, statePaused, stateArchived, stateScheduled, stateOpen, stateMatched, stateClosed, stateCancelled
    // Invitations
    case invitationsTitle, invitationsIntro, addressesLabel, addressesHint, inviteSubmit, invitedNotice, notInvitedNotice
    case noInvitations, invitationPending, invitationRegistered, expiresColumn
    // Not yet in the console
    case comingTitle, comingBody
    // Errors
    case forbiddenTitle, forbiddenBody, notFoundTitle, notFoundBody, badRequestTitle, badRequestBody
    case formExpiredTitle, formExpiredBody, expiredLinkTitle, expiredLinkBody, backHome
    // console-a: CSV import, categories and IdP mapping, exports
    case navCategories, importTitle, importIntro, importUploadHeading, importFileLabel, importFileHint, importUploadSubmit
    case importNoFile, importTooLarge, importFileIs, importPreviewHeading, importMappingHeading, importMappingHint
    case importCheckSubmit, importUnnamedColumn, importMandatoryColumn, importChoiceIgnore, importChoiceNewSingle
    case importChoiceNewMulti, importChoiceNewText, importChoiceExisting, importReportHeading, importNew, importUpdated
    case importUnchanged, importRejected, importFileErrors, importIssuesCount, importIssuesAll, importLineColumn, importProblemColumn
    case importNewCategories, importNewValues, importIgnoredColumns, importColumnColumn, importReasonColumn, categoryColumn
    case kindColumn, importApplySubmit, importNotApplicable, importApplyingHeading, importProgress, importApplyingHint
    case importDone, importAnother, importRefused, categoriesTitle, categoriesIntro, noCategories, membersColumn
    case moreValues, newCategoryHeading, categoryLabelField, createCategory, kindSingle, kindMulti, kindText, mappingHeading
    case mappingHint, mappingPathColumn, mappingNone, saveMapping, categoryKeyLabel, editCategoryHeading, memberEditableLegend
    case memberEditableYes, addValuesLabel, addValuesHint, saveCategory, categoryCreated, categorySaved, mappingSaved
    case exportCSV, importStopped, importPlanning
    // Statistics, preview, program lifecycle (console-b)
    case statisticsTitle, statisticsIntro, viewStatistics, lastSessionsLabel, showSubmit, totalsHeading, sessionsCounted
    case chartsHeading, participationChart, participationSummary, optInChart, optInSummary, meetingChart, meetingSummary
    case ratingChart, ratingSummary, repeatChart, repeatSummary, ruleChart, ruleSummary, noData
    case noStatistics, sessionColumn, connectionsHeading, connectionsIntro, categoryLabel, noConnections, noValue, tooManyValuesToDraw
    case connectionsSummary, connectionsCaption, previewHeading, previewIntro, seedLabel, seedHint, previewSubmit
    case previewTitle, previewNotice, rulesSatisfied, rulesNoneSatisfied, excludedHeading, reasonColumn, reasonOnlyParticipant
    case reasonAlone, reasonNoPartner, reasonNoValue, reasonDuplicate, reasonIneligible, reasonSnoozed, reasonOptedOut
    case reasonNotOptedIn, reasonOutsideAudience, unmatchedCount, pause, resume, archive, programPaused
    case programResumed, programArchived
    case healthHeading, lastRequestLabel, noRequests, clientColumn, requestsColumn, errorsColumn, lastRequestColumn, lastErrorsHeading, noErrors, unknownClient
    case editProgramTitle, editProgram, rulePriority, repeatWindowLabel, repeatWindowHint, audienceHeading, audienceLabel
    case audienceAll, audienceGroup, audienceCategories, audienceGroupLabel, audienceExpressionLabel, audienceExpressionHint, countAudience
    case audienceCount, rulesHint, keptRules, scheduleHeading, scheduleLabel, scheduleOnce, scheduleRecurring
    case onceAtLabel, everyWeeksLabel, weekdayLabel, timeLabel, timeZoneLabel, saveProgram, monday
    case tuesday, wednesday, thursday, friday, saturday, sunday, programEditInvalid
    case programEditFieldsInvalid, audienceExpressionInvalid
    case optInDaysLabel, optInDaysHint
    case memberStatusHeading, setActive, setInactive, statusNotChangeable, snoozedUntilLabel, notSnoozed
    case snoozeLabel, snoozeSubmit, endSnooze, statusChanged, snoozeChanged
    case ruleDenyPair, ruleAllowPair, ruleNotWithManager, ruleSameTimeZone, ruleDifferentTimeZone
    // Connections (issue 14)
    case connectedSourcesHeading, navConnections, sourcesTitle, sourcesIntro, noSources, connectionKindLabel, kindSlack, kindTeams, kindHRIS, credentialColumn, scheduleColumn, nextRunColumn, lastRunColumn, everyHours, onDemand, newConnectionHeading, newConnectionHint, connectionNameLabel, credentialLabel, credentialHint, teamIDLabel, teamIDHint, directoryIDLabel, clientIDLabel, clientIDHint, hrisSystemLabel, companyDomainLabel, baseURLField, baseURLHint, intervalHoursLabel, intervalHoursHint, createConnection, connectionRefused, connectionCreated, testConnection, testSucceeded, testFailed, runNow, runStarted, runInProgress, runsHeading, noRuns, outcomeColumn, countsColumn, runSucceeded, runFailed, deleteConnectionHeading, deleteConnectionHint, deleteConnection, connectionDeleted
    // issue 14 (connectors): field choice and schedule on the Sources page
    case fieldsHeading, fieldsHint, chooseFields, sourceFieldColumn, importFieldColumn, categoryNameColumn, saveFields, fieldsSaved, fieldsUnavailable, noSourceFields, connectionScheduleHeading, saveSchedule, scheduleSaved, intervalHoursNotNumber
    // The shareable sign-up link (issue 13)
    case signUpLinkHeading, signUpLinkHint, signUpLinkCreated, createSignUpLink, closeSignUpLinks, signUpLinksClosed, allowedDomainsLabel, allowedDomainsHint, saveDomains, domainsSaved
    // Program owners (issue 13, console-b)
    case ownersHeading, ownersHint, ownersLegend, ownersNone, ownersList, ownersCreatorNote, noProgramManagers, ownersColumn, ownersNotListed
    // Resending an invitation (issue 13, item 5; console-a)
    case actionsColumn, invitationExpired, resendInvitation, resendInvitationTo, invitationResent, resendRegistered, resendWithdrawn
    // The import report's reasons (issue 13; console-a)
    case importIssueInvalidEmail, importIssueMissingEmail, importIssueMissingFirstName, importIssueMissingLastName, importIssueDuplicateEmail
    case importIssueWrongFieldCount, importIssueMemberDeprovisioned, importIssueInactiveByAdmin, importIssueInactiveUnsubscribed
    case importIssueInactiveBounced, importIssueStaysPending, importIssueDeactivatedByIdP, importIssueNamesOwnedByIdP
    case importIssueCategoryOwnedByIdP, importIgnoredChosen, importIgnoredUnnamed, importIgnoredNoDecision, importIgnoredInvalidMapping, importIgnoredNoKey
    case importFileEmpty, importFileMissingColumn, importFileDuplicateColumn, importFileUnknownCategory, importFileCategoryKeyTaken
    case importFileInvalidColumn, csvUnterminatedQuote, csvCharacterAfterQuote, csvInvalidUTF8, csvFieldTooLong, csvTooManyFields
    case csvRecordTooLong
    // Retry of a failed email (issue 13, item 9)
    case retryEmail, retryEmailTo, emailRetried, emailRetryRefused
    // What happened, in words: one per kind of event the outbox records
    case eventMemberProvisioned, eventWelcomeEmail, eventMemberDeactivated, eventMemberReactivated, eventMemberUpdated
    case eventMemberDeprovisioned, eventMemberPurged, eventInvitationEmail, eventInvitationAccepted, eventGroupMembershipChanged
    case eventProgramAudienceBroken, eventMatchIntroduction, eventLeftUnmatched, eventSignInLink, eventMeetingFeedback
    case eventSignUpConfirmation, eventConsoleSignInLink, eventMeetingFeedbackScheduled
    // Where a member came from, in words
    case sourceSCIM, sourceCSV, sourceManual, sourceInvitation, sourceSlack, sourceTeams, sourceHRIS
}
