import Coffee
import Crypto
import FoundationEssentials

/// Every application service over one persistence port, built once per process and
/// shared by every door (the admin API, the portal, the console, the command line), so
/// two doors can never apply different rules.
struct ApplicationServices: Sendable {
    let members: MemberService
    let programs: ProgramService
    let invitations: InvitationService
    let sessions: SessionService
    let categories: CategoryService
    let tenant: TenantService
    let imports: ImportService
    let portal: PortalService
    let connections: ConnectionService
    /// The tenants' declared SCIM schema extensions (issue 15).
    let extensionSchemas: ExtensionSchemaService
    /// The SCIM provisioning log (issue 15).
    let provisioningLog: ProvisioningLogService

    /// The services over `persistence`; `matcher` runs the matchings (one per process,
    /// shared with the scheduler); `credentialCipher` seals connections' credentials;
    /// `cursorKey` tags the provisioning log's cursors (a random one by default);
    /// `connectorEndpoints`: the hosts connections may call (loopback allowed by default,
    /// for tests; a server passes its `connector-loopback` setting).
    init(persistence: any Persistence, matcher: SessionMatcher, invitationLifetime: TimeInterval,
         credentialCipher: CredentialCipher? = nil, cursorKey: [UInt8] = SCIMService.randomSecret(),
         connectorEndpoints: ConnectorEndpointPolicy = ConnectorEndpointPolicy(allowsLoopback: true)) {
        members = MemberService(persistence: persistence)
        programs = ProgramService(persistence: persistence)
        invitations = InvitationService(persistence: persistence, lifetime: invitationLifetime)
        sessions = SessionService(persistence: persistence, matcher: matcher)
        categories = CategoryService(persistence: persistence)
        tenant = TenantService(persistence: persistence)
        imports = ImportService(persistence: persistence)
        portal = PortalService(persistence: persistence, invitations: invitations)
        var connections = ConnectionService(persistence: persistence, cipher: credentialCipher)
        connections.clientConfiguration.endpoints = connectorEndpoints
        self.connections = connections
        extensionSchemas = ExtensionSchemaService(persistence: persistence)
        provisioningLog = ProvisioningLogService(
            persistence: persistence, cursors: ProvisioningLogCursor(signer: HMACSHA256CursorSigner(key: cursorKey)))
    }
}
