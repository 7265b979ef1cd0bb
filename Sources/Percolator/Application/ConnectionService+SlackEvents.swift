import Coffee
import FoundationEssentials
import Store

/// Slack's Events API for a Slack connection (issue 14, "real-time changes"): a request
/// signed with the app's signing secret (``SlackRequestVerifier``: v0 HMAC-SHA256 over
/// `v0:timestamp:body`, constant-time comparison, five-minute replay window) either asks
/// for the URL-verification challenge back, or announces `team_join` / `user_change`
/// with the user object, applied through the same sync transitions as a run — for that
/// one person only (``Coffee/SyncPlanner/planChange(of:members:context:)``).
/// https://docs.slack.dev/apis/events-api/
extension ConnectionService {
    /// What a verified event asked for.
    enum SlackEventOutcome: Sendable, Equatable {
        /// `url_verification`: answer with this challenge.
        case challenge(String)
        /// A user event applied.
        case applied
        /// An event this connection does not act on (another type, a bot); acknowledged.
        case ignored
    }

    /// Why an event was refused; no reason reaches the caller beyond the status.
    enum SlackEventRefusal: Error, Sendable, Equatable {
        /// No Slack connection with a signing secret at that address (or connectors off).
        case unknownConnection
        /// Unsigned, forged, stale, or of another workspace.
        case rejected(String)
        /// A signed body that is not an event document.
        case malformed
    }

    /// Verifies and handles one request of Slack's Events API to connection `id`.
    func slackEvent(_ id: ConnectionID, tenant: TenantID, timestamp: String?, signature: String?, body: [UInt8],
                    at now: Date) async throws -> SlackEventOutcome {
        guard let cipher, let connection = try await persistence.read({ db in try db.connections.connection(id: id, tenant: tenant) }),
              connection.kind == .slack, let settings = try? ConnectionSettings.decode(connection.settings),
              let sealed = settings.sealedSigningSecret,
              let secret = try? cipher.open(sealed, context: Self.signingContext(id, tenant))
        else { throw SlackEventRefusal.unknownConnection }
        do {
            try SlackRequestVerifier(signingSecret: secret).verify(timestamp: timestamp, signature: signature, body: body, now: now)
        } catch {
            throw SlackEventRefusal.rejected("\(error)")
        }
        let decoder = JSONDecoder()
        guard let envelope = try? decoder.decode(SlackEventEnvelope.self, from: Data(body)) else { throw SlackEventRefusal.malformed }
        if let workspace = settings.teamID, !workspace.isEmpty, let team = envelope.teamId, team != workspace {
            throw SlackEventRefusal.rejected("another workspace")
        }
        switch envelope.type {
        case "url_verification":
            guard let challenge = envelope.challenge else { throw SlackEventRefusal.malformed }
            return .challenge(challenge)
        case "event_callback":
            guard let event = envelope.event, ["team_join", "user_change"].contains(event.type) else { return .ignored }
            guard let user = event.user else { throw SlackEventRefusal.malformed }
            guard let person = SlackDirectoryClient.person(user) else { return .ignored }  // a bot or an app user
            _ = try await persistence.write { db in
                try Self.apply(of: connection, settings: settings, at: now, in: db) { members, context in
                    SyncPlanner.planChange(of: person, members: members, context: context)
                }
            }
            return .applied
        default:
            return .ignored
        }
    }

    /// The outer document of an Events API request (https://docs.slack.dev/apis/events-api/,
    /// "Callback field overview" and "URL verification").
    struct SlackEventEnvelope: Decodable {
        var type: String
        var challenge: String?
        var teamId: String?
        var event: Event?

        enum CodingKeys: String, CodingKey {
            case type, challenge, teamId = "team_id", event
        }

        struct Event: Decodable {
            var type: String
            var user: SlackDirectoryClient.SlackUser?

            enum CodingKeys: String, CodingKey { case type, user }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                type = try container.decode(String.self, forKey: .type)
                // `user` is an object in team_join and user_change, an id in other events.
                user = try? container.decode(SlackDirectoryClient.SlackUser.self, forKey: .user)
            }
        }
    }
}
