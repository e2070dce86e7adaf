/// The common reasons a link or site could not be checked, recognised from the English text the
/// crawl records, so a report can explain them in its reader's language.
///
/// The reasons reach the report as plain strings (`LinkReport.error`, `Evidence.error`,
/// `InstitutionReport.unreachableReason`): `FetchError.description` from PantauFetch, which
/// quotes libcurl's own message (`CURLOPT_ERRORBUFFER`, libcurl 7.88 wording), and the notes
/// PantauCrawl writes itself (`LinkCheckResult`, soft 404, the crawl's https observations). Those
/// strings stay as they are, because JSON and CSV consumers and tests read them; this type only
/// names them, at rendering time. A reason it does not recognise is shown as given.
enum FailureKind: CaseIterable, Sendable {
    case hostUnreachable
    case rateLimited
    case outsideResolveList
    case stopped
    case timeout
    case redirectLoop
    case tooManyRedirects
    case httpsCertificateRefused
    case httpsNotOffered
    case httpNotRedirected
    case certificateExpired
    case certificateSelfSigned
    case certificateNameMismatch
    case certificateUntrusted
    case hostNotFound
    case connectionRefused
    case connectionLost
    case tlsFailed
    case invalidURL
    case softNotFound
    case firewall
    case errorStatus
    case missingFragment

    /// The kind of `reason`, or nil when it is none of the common ones.
    ///
    /// The first kind in ``patterns`` with a phrase that `reason` contains (case-insensitively).
    static func classify(_ reason: String) -> FailureKind? {
        let lowered = reason.lowercased()
        return patterns.first { _, phrases in phrases.contains { lowered.contains($0) } }?.kind
    }

    /// Lower-case phrases per kind, tried in this order: a reason that wraps another comes first
    /// (a host given up on quotes its last DNS or connection error; "https is not offered" quotes
    /// the refused connection), and the certificate's exact complaint before "TLS failed".
    ///
    /// Every phrase holds a space, so it cannot match inside the URL the reason names (the
    /// crawl's URLs carry no raw space).
    static let patterns: [(kind: FailureKind, phrases: [String])] = [
        (.hostUnreachable, ["host unreachable: "]),
        (.rateLimited, ["not fetched: rate-limited", "rate-limited: the server"]),
        (.outsideResolveList, ["outside the --resolve list", "not in the allowed resolve list"]),
        (.stopped, ["the audit was stopped", " was cancelled"]),
        (.timeout, ["did not answer within", " timed out"]),
        (.redirectLoop, ["redirects in a loop"]),
        (.tooManyRedirects, ["times, more than allowed"]),
        (.httpsCertificateRefused, ["its https certificate is refused"]),
        (.httpsNotOffered, ["https is not offered"]),
        (.httpNotRedirected, ["but the site is served over plain http"]),
        (.certificateExpired, ["certificate has expired"]),
        (.certificateSelfSigned, ["self-signed certificate", "self signed certificate"]),
        (.certificateNameMismatch, ["no alternative certificate subject name", "does not match target host",
                                    "subject name does not match"]),
        (.certificateUntrusted, ["unable to get local issuer", "unable to get issuer", "unable to verify the first",
                                 "certificate chain"]),
        (.hostNotFound, ["could not resolve host", "couldn't resolve host", "could not resolve proxy"]),
        (.connectionRefused, ["connection refused", "couldn't connect to server", "failed to connect to "]),
        (.connectionLost, ["lost before a complete answer", "connection reset", "empty reply from server",
                           "recv failure", "send failure", "transfer closed with"]),
        (.tlsFailed, ["ssl certificate", "certificate problem", "ssl connect", "openssl ssl_connect", "ssl routines",
                      "ssl peer", "ssl: ", "tls handshake", "alert handshake"]),
        (.invalidURL, ["is not a valid http or https url", "invalid site url"]),
        (.softNotFound, ["soft 404: "]),
        (.firewall, ["a challenge page answered"]),
        (.errorStatus, [" answered http "]),
        (.missingFragment, ["no element with id or name"]),
    ]
}
