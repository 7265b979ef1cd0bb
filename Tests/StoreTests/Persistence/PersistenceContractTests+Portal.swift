import Coffee
import Foundation
import Testing
@testable import Store

extension PersistenceContractTests {
    @Test("portal (0015): reusable member links bound to purpose, tenant and expiry; feedback upserted; sign-ins; delayed outbox entries",
          arguments: StorageBackend.allCases)
    func portalFeedback(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            let stranger = try Self.member("m1", tenant: other, email: "ada@example.com")
            let start = Self.start
            let link = PortalLink(purpose: .feedback, tenantID: tenant, memberID: ada.id,
                                  subject: PortalLink.groupSubject(session: SessionID("p@1"), number: 3))
            try await backend.persistence.write { tx in
                try tx.members.save(ada)
                try tx.members.save(stranger)
                try tx.portal.insertLink(token: "feedback-token", link, at: start, expiresAt: start.addingTimeInterval(60))
                try tx.portal.insertLink(token: "unsubscribe-token", PortalLink(purpose: .unsubscribe, tenantID: tenant, memberID: ada.id),
                                         at: start, expiresAt: start.addingTimeInterval(60))
            }
            let found = try await backend.persistence.read { tx in
                (try tx.portal.link(token: "feedback-token", purpose: .feedback, at: start),
                 try tx.portal.link(token: "feedback-token", purpose: .feedback, at: start.addingTimeInterval(30)),
                 try tx.portal.link(token: "feedback-token", purpose: .unsubscribe, at: start),
                 try tx.portal.link(token: "feedback-token", purpose: .feedback, at: start.addingTimeInterval(60)),
                 try tx.portal.link(token: "nope", purpose: .feedback, at: start),
                 try tx.portal.link(token: "unsubscribe-token", purpose: .unsubscribe, at: start))
            }
            #expect(found.0 == link && found.1 == link, "a member link is reusable until it expires")
            #expect(found.0?.group?.session == SessionID("p@1") && found.0?.group?.number == 3)
            #expect(found.2 == nil, "a link does only what it was issued for")
            #expect(found.3 == nil && found.4 == nil, "expired or unknown")
            #expect(found.5?.memberID == ada.id && found.5?.tenantID == tenant)

            let first = MeetingFeedback(tenantID: tenant, sessionID: SessionID("p@1"), group: 3, memberID: ada.id, answer: .notYet,
                                        rating: nil, answeredAt: start)
            let second = MeetingFeedback(tenantID: tenant, sessionID: SessionID("p@1"), group: 3, memberID: ada.id, answer: .yes,
                                         rating: 4, answeredAt: start.addingTimeInterval(10))
            let theirs = MeetingFeedback(tenantID: other, sessionID: SessionID("p@1"), group: 3, memberID: stranger.id, answer: .no,
                                         rating: 1, answeredAt: start)
            try await backend.persistence.write { tx in
                try tx.portal.saveFeedback(first)
                try tx.portal.saveFeedback(second)
                try tx.portal.saveFeedback(theirs)
            }
            let answers = try await backend.persistence.read { tx in
                (try tx.portal.feedback(of: ada.id, tenant: tenant), try tx.portal.feedback(session: SessionID("p@1"), tenant: tenant),
                 try tx.portal.feedback(session: SessionID("p@2"), tenant: tenant))
            }
            #expect(answers.0 == [second], "a new answer replaces the member's previous one about the group")
            #expect(answers.1 == [second], "another tenant's answers are not counted")
            #expect(answers.2.isEmpty)

            let session = PortalSession(tenantID: tenant, memberID: ada.id, csrfToken: "c", createdAt: start,
                                        expiresAt: start.addingTimeInterval(3_600))
            let later = PortalSession(tenantID: tenant, memberID: ada.id, csrfToken: "c", createdAt: start.addingTimeInterval(100),
                                      expiresAt: start.addingTimeInterval(3_600))
            try await backend.persistence.write { tx in
                try tx.portal.insertSession(id: "cookie-1", session)
                try tx.portal.insertSession(id: "cookie-2", later)
            }
            let signIns = try await backend.persistence.read { tx in
                (try tx.portal.signIns(of: ada.id, tenant: tenant), try tx.portal.signIns(of: stranger.id, tenant: other),
                 try tx.portal.signedInMembers(tenant: tenant), try tx.portal.signedInMembers(tenant: other))
            }
            #expect(signIns.0?.first == start && signIns.0?.last == later.createdAt)
            #expect(signIns.1 == nil && signIns.2 == [ada.id] && signIns.3.isEmpty)

            // A feedback question waits for its due date in the outbox.
            let question = DomainEvent.meetingFeedbackRequested(MeetingFeedbackRequested(
                header: EventHeader(tenantID: tenant, subject: ada.id.rawValue, sequence: 2, occurredAt: start),
                sessionID: SessionID("p@1"), group: 3, programName: "Coffee", email: try EmailAddress("ada@example.com"),
                givenName: "Ada", locale: nil, partnerNames: ["Bo"], token: "t", dueAt: start.addingTimeInterval(3 * 86_400)))
            let due = try await backend.persistence.write { tx in
                try tx.outbox.append([question])
                return (try tx.outbox.due(at: start.addingTimeInterval(86_400), limit: 10),
                        try tx.outbox.due(at: start.addingTimeInterval(3 * 86_400 + 1), limit: 10))
            }
            #expect(due.0.isEmpty, "not due before the feedback delay")
            #expect(due.1.map(\.kind) == ["MeetingFeedbackRequested"] && due.1.first?.payload.invitationToken == "t")
        }
    }

    @Test("portal (0015): a pending sign-up is spent once before it expires; a sign-up link is found by id in its tenant only",
          arguments: StorageBackend.allCases)
    func pendingSignUp(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let start = Self.start
            let pending = PendingSignUp(tenantID: tenant, linkID: "link-1", email: try EmailAddress("Jo@acme.example"),
                                        givenName: "Jo", familyName: "Doe")
            let stored = try await backend.persistence.write { tx in
                try tx.portal.insertSignUp(token: "sign-up-token", pending, at: start, expiresAt: start.addingTimeInterval(60))
                try tx.portal.insertSignUp(token: "late-token", pending, at: start, expiresAt: start.addingTimeInterval(60))
                return try tx.invitations.insertLink(id: "link-1", tenant: tenant, token: InvitationToken("shared-link-token"), at: start)
            }
            let spent = try await backend.persistence.write { tx in
                (try tx.portal.consumeSignUp(token: "sign-up-token", at: start.addingTimeInterval(1)),
                 try tx.portal.consumeSignUp(token: "sign-up-token", at: start.addingTimeInterval(2)),
                 try tx.portal.consumeSignUp(token: "late-token", at: start.addingTimeInterval(60)),
                 try tx.portal.consumeSignUp(token: "nope", at: start))
            }
            #expect(spent.0 == pending && spent.1 == nil, "used once")
            #expect(spent.2 == nil && spent.3 == nil, "expired or unknown")
            let links = try await backend.persistence.read { tx in
                (try tx.invitations.link(id: "link-1", tenant: tenant), try tx.invitations.link(id: "link-1", tenant: other))
            }
            #expect(links.0?.id == stored.id && links.0?.isEnabled == true && links.1 == nil)
        }
    }

    @Test("portal: link rows that can no longer work are purged (used or expired sign-in links and sign-ups, expired member links); the rest stay",
          arguments: StorageBackend.allCases)
    func portalLinkPurge(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            let start = Self.start
            let soon = start.addingTimeInterval(60), later = start.addingTimeInterval(3_600)
            let pending = PendingSignUp(tenantID: tenant, linkID: "link-1", email: try EmailAddress("jo@acme.example"),
                                        givenName: "Jo", familyName: "Doe")
            try await backend.persistence.write { tx in
                try tx.members.save(ada)
                try tx.portal.insertLink(token: "sign-in-expiring", tenant: tenant, member: ada.id, at: start, expiresAt: soon)
                try tx.portal.insertLink(token: "sign-in-used", tenant: tenant, member: ada.id, at: start, expiresAt: later)
                try tx.portal.insertLink(token: "sign-in-fresh", tenant: tenant, member: ada.id, at: start, expiresAt: later)
                try tx.portal.insertLink(token: "unsubscribe-expiring", PortalLink(purpose: .unsubscribe, tenantID: tenant, memberID: ada.id),
                                         at: start, expiresAt: soon)
                try tx.portal.insertLink(token: "unsubscribe-fresh", PortalLink(purpose: .unsubscribe, tenantID: tenant, memberID: ada.id),
                                         at: start, expiresAt: later)
                try tx.portal.insertSignUp(token: "sign-up-expiring", pending, at: start, expiresAt: soon)
                try tx.portal.insertSignUp(token: "sign-up-used", pending, at: start, expiresAt: later)
                try tx.portal.insertSignUp(token: "sign-up-fresh", pending, at: start, expiresAt: later)
                _ = try tx.portal.consumeLink(token: "sign-in-used", at: start)
                _ = try tx.portal.consumeSignUp(token: "sign-up-used", at: start)
            }
            let early = try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: start.addingTimeInterval(30), limit: 100) }
            #expect(early == 2, "only the used ones before anything expires")
            let purged = try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: soon, limit: 100) }
            #expect(purged == 3, "the three that expired at \(soon)")
            #expect(try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: soon, limit: 100) } == 0)
            let at = start.addingTimeInterval(30)
            let left = try await backend.persistence.write { tx in
                (try tx.portal.consumeLink(token: "sign-in-fresh", at: at)?.member,
                 try tx.portal.link(token: "unsubscribe-fresh", purpose: .unsubscribe, at: at)?.memberID,
                 try tx.portal.consumeSignUp(token: "sign-up-fresh", at: at)?.email.rawValue)
            }
            #expect(left.0 == ada.id && left.1 == ada.id && left.2 == "jo@acme.example", "links that still work are kept")

            // At most `limit` rows of each kind per call.
            try await backend.persistence.write { tx in
                for index in 0..<5 {
                    try tx.portal.insertLink(token: "old-\(index)", PortalLink(purpose: .unsubscribe, tenantID: tenant, memberID: ada.id),
                                             at: start, expiresAt: soon)
                }
            }
            #expect(try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: later, limit: 2) } >= 2)
            #expect(try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: later, limit: 100) } > 0)
            #expect(try await backend.persistence.write { tx in try tx.portal.purgeLinks(before: later, limit: 100) } == 0)
        }
    }
}
