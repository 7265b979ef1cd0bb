import Store

/// What a SCIM request's writes carry to their transaction through ``ResourceWriteContext``
/// (which the store hands to its observer, ``ProvisioningObserver``): the request's
/// provisioning-log entry, and the configuration check of the operation being written.
struct SCIMWriteContext: Sendable {
    /// The request being logged (issue 15), if the log is on.
    var log: ProvisioningLogRequest?
    /// The check of the operation under way (``SCIMConfigurationCheck``), if it validated
    /// against the tenant's configuration.
    var check: SCIMConfigurationCheck?

    /// The value bound for the current task (or the writer running its transaction).
    static var current: SCIMWriteContext? { ResourceWriteContext.current as? SCIMWriteContext }
}
