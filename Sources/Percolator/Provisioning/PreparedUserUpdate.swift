import Coffee

/// A User's PATCH as ``ProvisioningObserver/prepare(_:tenant:at:)`` computed it before its
/// transaction, from the stored resource before and after (a reader's snapshot, which the
/// writer applies only at that version): the member draft of the new attributes and the
/// names of the attributes that changed. The member itself is read and moved in the
/// transaction. Valid there only while the tenant's settings are ``settings``.
struct PreparedUserUpdate: Sendable {
    /// The tenant's settings the draft was mapped with.
    let settings: TenantSettings
    /// The member draft of the User's new attributes.
    let draft: MemberDraft
    /// ``MemberChangeSummary/changedAttributes(_:_:)`` of the write, when the request is logged.
    let changedAttributes: [String]?
}
