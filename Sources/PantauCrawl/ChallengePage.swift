import PantauFetch

/// Recognises the pages web application firewalls and bot walls answer with instead of the
/// content (Cloudflare, Sucuri, Imperva Incapsula, Akamai, F5, DDoS-Guard), so a refused
/// auditor is reported as BLOCKED rather than the link as BROKEN or OK.
///
/// Challenge pages are small; bodies above ``maxBodyBytes`` are not examined (that also keeps
/// the check cheap on ordinary pages).
public enum ChallengePage {
    /// Bodies larger than this (bytes) are taken for real content.
    public static let maxBodyBytes = 64 * 1024

    /// The firewall that answered, when `response` is a challenge or block page; nil otherwise.
    ///
    /// Looked at only for 200, 403 and 503, the statuses these products answer with. Markers
    /// specific to a product count on any of them; generic titles ("Access Denied", "Request
    /// Rejected") only on 403 and 503, where a real page rarely says so.
    public static func firewall(of response: FetchResponse) -> String? {
        guard [200, 403, 503].contains(response.status) else { return nil }
        if let mitigated = response.header("cf-mitigated"), mitigated.lowercased().contains("challenge") {
            return "Cloudflare"
        }
        let body = response.body
        guard !body.isEmpty, body.count <= maxBodyBytes else { return nil }
        for marker in specific where contains(body, marker.needle) { return marker.product }
        if response.status != 200 {
            for marker in generic where contains(body, marker.needle) { return marker.product }
        }
        return nil
    }

    private struct Marker {
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

    /// ASCII case-insensitive search; `needle` is lowercase.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { bytes in
            let last = bytes.count - needle.count
            var index = 0
            while index <= last {
                if lower(bytes[index]) == first {
                    var matched = 1
                    while matched < needle.count, lower(bytes[index + matched]) == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
