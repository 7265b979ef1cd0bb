/// Why a program is paused.
public enum PauseReason: Hashable, Sendable, Codable {
    /// An admin paused it.
    case byAdmin
    /// The SCIM group that was its audience was deleted. The program stays paused,
    /// never emptied silently, until an admin gives it another audience and resumes it.
    case audienceGroupDeleted(GroupID)
}
