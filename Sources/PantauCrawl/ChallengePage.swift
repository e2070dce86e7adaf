import PantauFetch

/// Recognises the pages web application firewalls and bot walls answer with instead of the
/// content (Cloudflare, Sucuri, Imperva Incapsula, Akamai, F5, DDoS-Guard), so a refused
/// auditor is reported as BLOCKED rather than the link as BROKEN or OK.
///
/// Challenge pages are small; bodies above ``maxBodyBytes`` (``maxOKBodyBytes`` for 200) are
/// not examined, which also keeps the check off ordinary pages.
public enum ChallengePage {
    /// Bodies larger than this (bytes) are taken for real content.
    public static let maxBodyBytes = 64 * 1024
    /// The same for 200 answers, lower because every crawled page passes here and a block page
    /// served as 200 is a bare notice, far below a CMS page's size.
    public static let maxOKBodyBytes = 16 * 1024

    /// The firewall that answered, when `response` is a challenge or block page; nil otherwise.
    ///
    /// Looked at only for 200, 403 and 503, the statuses these products answer with. Markers
    /// specific to a product count on any of them; generic titles ("Access Denied", "Request
    /// Rejected") only on 403 and 503, where a real page rarely says so.
    public static func firewall(of response: FetchResponse) -> String? {
        switch response.status {
        case 200:
            let body = response.body
            guard !body.isEmpty, body.count <= maxOKBodyBytes else { return nil }
            return firstMatch(in: body, specific)
        case 403, 503:
            // Cloudflare labels its challenge answers (`cf-mitigated: challenge`), bodies aside.
            if let mitigated = response.header("cf-mitigated"), mitigated.lowercased().contains("challenge") {
                return "Cloudflare"
            }
            let body = response.body
            guard !body.isEmpty, body.count <= maxBodyBytes else { return nil }
            return firstMatch(in: body, specificAndGeneric)
        default:
            return nil
        }
    }

    struct Marker {
        var needle: [UInt8]
        var product: String
        init(_ needle: String, _ product: String) {
            self.needle = Array(needle.lowercased().utf8)
            self.product = product
        }
    }

    private static let specific: [Marker] = [
        Marker("cf-chl", "Cloudflare"),
        Marker("cf_chl", "Cloudflare"),
        Marker("attention required! | cloudflare", "Cloudflare"),
        Marker("<title>just a moment...</title>", "Cloudflare"),
        Marker("checking your browser before accessing", "Cloudflare"),
        Marker("sucuri website firewall", "Sucuri"),
        Marker("incapsula incident id", "Imperva Incapsula"),
        Marker("_incapsula_resource", "Imperva Incapsula"),
        Marker("the requested url was rejected. please consult with your administrator", "F5 BIG-IP ASM"),
        Marker("ddos-guard", "DDoS-Guard"),
    ]

    private static let generic: [Marker] = [
        Marker("<title>access denied</title>", "a web application firewall (Access Denied)"),
        Marker("<title>request rejected</title>", "a web application firewall (Request Rejected)"),
        Marker("you don't have permission to access", "a web application firewall (Access Denied)"),
    ]

    /// The product of the first marker found in `haystack` (ASCII case-insensitive; needles are
    /// lowercase), in one pass over the bytes.
    static func firstMatch(in haystack: [UInt8], _ markers: [Marker]) -> String? {
        var startsMarker = [Bool](repeating: false, count: 256)
        for marker in markers { if let first = marker.needle.first { startsMarker[Int(first)] = true } }
        return haystack.withUnsafeBufferPointer { bytes -> String? in
            for index in 0..<bytes.count where startsMarker[Int(lower(bytes[index]))] {
                for marker in markers where matches(bytes, at: index, marker.needle) { return marker.product }
            }
            return nil
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ needle: [UInt8]) -> Bool {
        guard bytes.count - start >= needle.count else { return false }
        for offset in 0..<needle.count where lower(bytes[start + offset]) != needle[offset] { return false }
        return true
    }

    private static let specificAndGeneric = specific + generic

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
