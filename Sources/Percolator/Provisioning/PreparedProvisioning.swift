import Coffee

/// A User's provisioning computed before its write transaction, on the request's own task
/// (``ProvisioningObserver/prepare(_:tenant:at:reading:)``): the member transition and
/// what the provisioning log notes of it, with what it was computed from (the tenant's
/// settings; for a PATCH, the member before). The transaction uses it only while it reads
/// the same settings and member; otherwise the observer computes again there.
struct PreparedProvisioning: Sendable {
    /// The settings the draft and the transition were computed with.
    let settings: TenantSettings
    /// The member the transition started from (a PATCH); `nil` for a create.
    let before: Member?
    /// The member's transition.
    let result: TransitionResult
    /// What the provisioning log notes of the write (without the audiences, read in the
    /// transaction).
    let logChanges: [ProvisioningLogChange]
}
