/// A parsed robots.txt (RFC 9309, the Robots Exclusion Protocol).
///
/// Group selection: the group whose user-agent token matches ours (case-insensitive), else the
/// `*` group; rules of every group naming the token are merged (§2.2.1). Matching: the longest
/// matching path pattern wins; at equal length `Allow` wins (§2.2.2); `*` matches any run of
/// characters and a trailing `$` anchors the end.
public struct RobotsTxt: Sendable {
    struct Rule: Sendable {
        var allow: Bool
        var pattern: String
    }

    private var rules: [Rule]
    /// `Sitemap:` URLs, as written.
    public private(set) var sitemaps: [String]
    /// `Crawl-delay` for our group, in seconds, when given (a common extension, not in RFC 9309).
    public private(set) var crawlDelay: Double?

    /// Everything allowed (a 4xx robots.txt, RFC 9309 §2.3.1.3).
    public static let allowAll = RobotsTxt(rules: [], sitemaps: [], crawlDelay: nil)
    /// Everything disallowed (a 5xx or unreachable robots.txt, RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: "/")], sitemaps: [], crawlDelay: nil)

    private init(rules: [Rule], sitemaps: [String], crawlDelay: Double?) {
        self.rules = rules
        self.sitemaps = sitemaps
        self.crawlDelay = crawlDelay
    }

    /// Parses robots.txt text for the given product token (`pantau`).
    public init(text: String, userAgentToken: String) {
        let token = userAgentToken.lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var sitemaps: [String] = []
        var lastWasAgent = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent || groups.isEmpty { groups.append((agents: [], rules: [], delay: nil)) }
                groups[groups.count - 1].agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard !groups.isEmpty, !(key == "disallow" && value.isEmpty) else { continue }
                groups[groups.count - 1].rules.append(Rule(allow: key == "allow", pattern: value))
            case "crawl-delay":
                lastWasAgent = false
                if !groups.isEmpty, let seconds = Double(value), seconds >= 0 {
                    groups[groups.count - 1].delay = seconds
                }
            case "sitemap":
                sitemaps.append(value)
            default:
                lastWasAgent = false
            }
        }
        let mine = groups.filter { $0.agents.contains { $0 != "*" && token.hasPrefix($0) } }
        let chosen = mine.isEmpty ? groups.filter { $0.agents.contains("*") } : mine
        self.init(rules: chosen.flatMap(\.rules), sitemaps: sitemaps, crawlDelay: chosen.compactMap(\.delay).max())
    }

    /// Whether `pathAndQuery` (starting with `/`) may be crawled.
    public func allows(_ pathAndQuery: String) -> Bool {
        var best: Rule?
        for rule in rules where Self.matches(pattern: rule.pattern, path: pathAndQuery) {
            guard let current = best else { best = rule; continue }
            if rule.pattern.count > current.pattern.count || (rule.pattern.count == current.pattern.count && rule.allow) {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    static func matches(pattern: String, path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let body = anchored ? pattern.dropLast() : Substring(pattern)
        if !body.utf8.contains(UInt8(ascii: "*")) {  // bytes: Foundation's substring search ran per URL and rule
            return anchored ? path == body : path.hasPrefix(body)
        }
        return wildcardMatch(Array(body.utf8), Array(path.utf8), anchored: anchored)
    }

    private static func wildcardMatch(_ p: [UInt8], _ s: [UInt8], anchored: Bool) -> Bool {
        // Greedy matching with backtracking to the last star: linear in practice, no recursion.
        var pi = 0, si = 0, star = -1, mark = 0
        let starByte = UInt8(ascii: "*")
        while si < s.count {
            if pi < p.count, p[pi] == starByte {
                star = pi; mark = si; pi += 1
            } else if pi < p.count, p[pi] == s[si] {
                pi += 1; si += 1
            } else if pi == p.count, !anchored {
                return true
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == starByte { pi += 1 }
        return pi == p.count
    }
}
