import Coffee

/// A User's create as ``ProvisioningObserver/prepare(_:tenant:at:)`` computed it before
/// its transaction, on the request's task: the member and its events, and the
/// provisioning log's note. Valid in the transaction only while the tenant's settings
/// there are ``settings``.
struct PreparedProvisioning: Sendable {
    /// The tenant's settings the member was mapped and provisioned with.
    let settings: TenantSettings
    /// The new member and its events.
    let result: TransitionResult
    /// `result`'s events as the store's outbox keeps them, when the observer can encode
    /// them (``ProvisioningObserver/encodeEvents``): the writer only inserts them.
    let events: EncodedEvents?
    /// What the request's provisioning log entry notes of the write (before its
    /// audiences), when the request is logged.
    let note: ProvisioningLogRequest.Note?
}
