import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange of a connector, as the client saw it.
struct ConnectorResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// A header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends connector requests through `FoundationNetworking`'s `URLSession` (libcurl;
/// HTTPS in production), retrying transport errors, 429 and 5xx a bounded number of
/// times with backoff, honouring `Retry-After` (RFC 9110 §10.2.3, delay-seconds or an
/// HTTP date).
struct ConnectorHTTPClient: Sendable {
    /// Waits before a retry; tests pass one that records the delay instead of sleeping.
    typealias Sleeper = @Sendable (TimeInterval) async -> Void

    let configuration: ConnectorClientConfiguration
    let sleep: Sleeper

    /// One session for every connector: no cookies, no cache, and no redirects (a
    /// redirect could carry a bearer token to another host; it is reported as its 3xx
    /// status instead). Shared, because a URLSession lives until invalidated.
    static let session: URLSession = {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpCookieAcceptPolicy = .never
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.urlCache = nil
        return URLSession(configuration: sessionConfiguration, delegate: RedirectRefusal(), delegateQueue: nil)
    }()

    init(configuration: ConnectorClientConfiguration, sleep: Sleeper? = nil) {
        self.configuration = configuration
        self.sleep = sleep ?? { seconds in try? await Task.sleep(for: .seconds(seconds)) }
    }

    /// The final response to `request` (any status below 500 other than 429, or a 5xx
    /// or 429 once the attempts are spent, reported as a failure).
    func send(_ request: URLRequest) async throws(ConnectorFailure) -> ConnectorResponse {
        var attempt = 1
        var backoff = configuration.initialBackoff
        while true {
            let outcome: Result<ConnectorResponse, ConnectorFailure> = await exchange(request)
            let retryDelay: TimeInterval?
            let failure: ConnectorFailure
            switch outcome {
            case .failure(.invalidConfiguration(let detail)):
                throw .invalidConfiguration(detail)  // the same request would be refused again
            case .failure(let transport):
                failure = transport
                retryDelay = backoff
            case .success(let response) where response.status == 429 || (500...599).contains(response.status):
                let hinted = Self.retryAfter(response.header("Retry-After"))
                failure = response.status == 429 ? .rateLimited(retryAfter: hinted) : .httpStatus(response.status)
                retryDelay = hinted ?? backoff
            case .success(let response):
                return response
            }
            guard attempt < configuration.maxAttempts, let delay = retryDelay, delay <= configuration.maxRetryDelay else {
                throw failure
            }
            await sleep(max(0, delay))
            attempt += 1
            backoff *= 2
        }
    }

    /// Why a request to a private, link-local or loopback address is not sent.
    static let refusedAddress = "its host resolves to a private, link-local or loopback address"

    private func exchange(_ request: URLRequest) async -> Result<ConnectorResponse, ConnectorFailure> {
        guard let host = request.url?.host else { return .failure(.invalidConfiguration("the request has no host")) }
        let addresses = await withCheckedContinuation { continuation in
            // getaddrinfo blocks: not on the concurrency pool.
            DispatchQueue.global().async { continuation.resume(returning: ConnectorEndpointPolicy.resolve(host)) }
        }
        // A name that does not resolve may be a passing DNS failure: retried like one.
        guard !addresses.isEmpty else { return .failure(.unreachable("the host name does not resolve")) }
        guard configuration.endpoints.permits(addresses) else {
            return .failure(.invalidConfiguration(Self.refusedAddress))
        }
        do {
            var request = request
            request.timeoutInterval = configuration.requestTimeout
            let (data, response) = try await Self.session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(.malformedResponse("not an HTTP response"))
            }
            guard data.count <= configuration.maxResponseBytes else {
                return .failure(.malformedResponse("a response of \(data.count) bytes is over the \(configuration.maxResponseBytes)-byte limit"))
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return .success(ConnectorResponse(status: http.statusCode, headers: headers, body: data))
        } catch let error as URLError {
            return .failure(.unreachable(Self.describe(error)))
        } catch {
            return .failure(.unreachable("the request failed"))
        }
    }

    /// Refuses every redirect, so the 3xx response itself comes back.
    final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    /// `Retry-After` as seconds: delay-seconds, or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// A URL error in a few words, without the URL (it may carry a cursor or a tenant).
    static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timed out"
        case .cannotConnectToHost: "connection refused"
        case .networkConnectionLost: "connection lost"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            "TLS handshake failed"
        default: "network error \(error.code.rawValue)"
        }
    }
}
