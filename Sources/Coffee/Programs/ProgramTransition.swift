import Foundation

/// The changes of a program, as pure functions: each returns the new value (version
/// + 1, `updatedAt` = the given date) or throws ``ProgramError``.
///
/// Statuses: `draft → active` (activate), `active → paused` (pause), `paused → active`
/// (resume), any status but `archived` → `archived` (archive). `archived` is final:
/// every action on it throws.
public enum ProgramTransition {
    /// A new program in `draft`, version 1, from a valid draft.
    public static func create(id: ProgramID, tenantID: TenantID, draft: ProgramDraft, at date: Date) throws(ProgramError) -> Program {
        try draft.validate()
        var program = Program(id: id, tenantID: tenantID, name: draft.name.trimmingCharacters(in: .whitespacesAndNewlines),
                              audience: draft.audience, participationMode: draft.participationMode,
                              matching: draft.configuration, avoidsRepeatsAcrossPrograms: draft.avoidsRepeatsAcrossPrograms,
                              schedule: draft.schedule, status: .draft, createdAt: date)
        program.feedbackDelayDays = draft.feedbackDelayDays
        return program
    }

    /// Replaces the editable fields with a valid draft's, keeping the engine settings
    /// an admin does not edit. Refused on an archived program; returns the program
    /// unchanged (same version) when the draft changes nothing. The status is kept: a
    /// program paused because its audience group was deleted stays paused after it is
    /// given another audience, until it is resumed.
    public static func update(_ program: Program, with draft: ProgramDraft, at date: Date) throws(ProgramError) -> Program {
        guard program.status != .archived else { throw .illegalTransition(from: program.status, action: .update) }
        try draft.validate()
        var next = program
        next.name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        next.audience = draft.audience
        next.participationMode = draft.participationMode
        next.matching.groupSize = draft.groupSize
        next.matching.rules = draft.rules
        next.matching.repeatWindow = draft.repeatWindow
        next.matching.repeatDecay = draft.repeatDecay
        next.avoidsRepeatsAcrossPrograms = draft.avoidsRepeatsAcrossPrograms
        next.schedule = draft.schedule
        next.feedbackDelayDays = draft.feedbackDelayDays
        guard next != program else { return program }
        // An active program's new schedule must have a match to come, as activation asks.
        if program.status == .active, next.schedule != program.schedule, next.schedule.nextMatchTime(after: date) == nil {
            throw .noFutureMatchTime
        }
        return bumped(next, at: date)
    }

    /// `draft → active`. The program must be valid and its schedule must have a match
    /// time after `date`. The application must also check that a group audience still
    /// exists (this module does not know the groups).
    public static func activate(_ program: Program, at date: Date) throws(ProgramError) -> Program {
        guard program.status == .draft else { throw .illegalTransition(from: program.status, action: .activate) }
        if let error = program.validationErrors.first { throw error }
        guard program.schedule.nextMatchTime(after: date) != nil else { throw .noFutureMatchTime }
        return changed(program, to: .active, at: date)
    }

    /// `active → paused(reason)`.
    public static func pause(_ program: Program, reason: PauseReason, at date: Date) throws(ProgramError) -> Program {
        guard program.status == .active else { throw .illegalTransition(from: program.status, action: .pause) }
        return changed(program, to: .paused(reason), at: date)
    }

    /// `paused → active`. Refused with ``ProgramError/audienceBroken(_:)`` while the
    /// program was paused for a deleted group that is still its audience, and when the
    /// program is not valid. A session that fell due while paused is matched once on
    /// the next plan (see ``SchedulePlanner``).
    public static func resume(_ program: Program, at date: Date) throws(ProgramError) -> Program {
        guard case .paused(let reason) = program.status else {
            throw .illegalTransition(from: program.status, action: .resume)
        }
        if case .audienceGroupDeleted(let group) = reason, program.audience == .group(group) {
            throw .audienceBroken(group)
        }
        if let error = program.validationErrors.first { throw error }
        return changed(program, to: .active, at: date)
    }

    /// Any status but `archived` → `archived`, for good. Its pending sessions are
    /// cancelled by the next plan.
    public static func archive(_ program: Program, at date: Date) throws(ProgramError) -> Program {
        guard program.status != .archived else { throw .illegalTransition(from: program.status, action: .archive) }
        return changed(program, to: .archived, at: date)
    }

    /// The SCIM group `groupID` was deleted (``ProgramAudienceBroken``): every active or
    /// paused program whose audience is that group becomes
    /// `paused(.audienceGroupDeleted(groupID))` — a program already paused by an admin
    /// takes the new reason, so it cannot be resumed onto the missing group. Returns
    /// only the programs that changed, in the given order. Drafts and archived
    /// programs are left alone: a draft has no session to protect, and activation is
    /// where the application checks that its group exists.
    public static func audienceGroupDeleted(_ groupID: GroupID, programs: [Program], at date: Date) -> [Program] {
        let broken = PauseReason.audienceGroupDeleted(groupID)
        return programs.compactMap { program in
            guard program.audience == .group(groupID) else { return nil }
            switch program.status {
            case .active, .paused(.byAdmin): return changed(program, to: .paused(broken), at: date)
            case .paused(.audienceGroupDeleted(let other)) where other != groupID:
                return changed(program, to: .paused(broken), at: date)
            case .draft, .archived, .paused: return nil
            }
        }
    }

    private static func changed(_ program: Program, to status: ProgramStatus, at date: Date) -> Program {
        var next = program
        next.status = status
        return bumped(next, at: date)
    }

    private static func bumped(_ program: Program, at date: Date) -> Program {
        var next = program
        next.updatedAt = date
        next.version += 1
        return next
    }
}
