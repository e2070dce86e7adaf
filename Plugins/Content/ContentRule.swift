import PantauCore
import PantauYAML

/// Which pages a content rule looks at.
public enum PageScope: String, Sendable, CaseIterable {
    /// Only the home page (after redirects).
    case home
    /// Every HTML page the crawl delivers with a 2xx status.
    case everyPage = "every-page"
}

/// When a content rule produces its finding, from how many examined pages matched.
public enum Trigger: Sendable, Hashable {
    /// At least one page matched (the default).
    case anyPage
    /// Every examined page matched (and at least one was examined).
    case allPages
    /// No examined page matched: "the site lacks X".
    case noPage
    /// At least this many pages matched.
    case atLeast(Int)

    static let names = ["any-page", "all-pages", "no-page", "{at_least: N}"]

    /// True when `matched` of `examined` pages fire the rule. Nothing examined fires nothing:
    /// a site that could not be read is reported by other rules, not judged here.
    func fires(matched: Int, examined: Int) -> Bool {
        guard examined > 0 else { return false }
        switch self {
        case .anyPage: return matched > 0
        case .allPages: return matched == examined
        case .noPage: return matched == 0
        case .atLeast(let count): return matched >= count
        }
    }
}

/// One content rule with its parameters checked and its patterns and XPaths compiled.
public struct ContentRule: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var appliesTo: Set<InstitutionType>
    public var scope: PageScope
    public var region: PageRegion
    /// The `match:` list.
    public var conditions: [Condition]
    /// `all`: every condition must hold on a page; otherwise any one.
    public var requiresAll: Bool
    public var trigger: Trigger
    public var message: MessageTemplate
    /// The score when the rule fires (default 0); 100 otherwise.
    public var scoreWhenTriggered: Double
    /// Matching pages quoted in the finding's evidence (default 5).
    public var maxEvidence: Int

    public static let defaultMaxEvidence = 5
    static let paramKeys = ["scope", "region", "match", "combine", "case_sensitive", "trigger_when", "message",
                            "score_when_triggered", "max_evidence"]

    public init(id: String, title: String, severity: Severity = .warning,
                appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases), scope: PageScope = .everyPage,
                region: PageRegion = .page, conditions: [Condition], requiresAll: Bool = false,
                trigger: Trigger = .anyPage, message: MessageTemplate, scoreWhenTriggered: Double = 0,
                maxEvidence: Int = ContentRule.defaultMaxEvidence) {
        self.id = id
        self.title = title
        self.severity = severity
        self.appliesTo = appliesTo
        self.scope = scope
        self.region = region
        self.conditions = conditions
        self.requiresAll = requiresAll
        self.trigger = trigger
        self.message = message
        self.scoreWhenTriggered = scoreWhenTriggered
        self.maxEvidence = maxEvidence
    }

    /// The rule's `match:` list as one condition.
    var condition: Condition { requiresAll ? .all(conditions) : .any(conditions) }

    /// Checks and compiles one rule's `params`, collecting every problem, each at its node.
    static func compile(_ definition: RuleDefinition) -> Result<ContentRule, RuleErrors> {
        guard let params = definition.params else {
            return .failure(RuleErrors([YAMLError("rule '\(definition.id)' needs params with a 'match:' list",
                                                  at: definition.location)]))
        }
        var diagnostics = Diagnostics()
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(params, expected: "a mapping of content parameters")
        }) else { return .failure(RuleErrors(diagnostics.errors)) }

        let scope = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("scope")?.oneOf(PageScope.self, named: "scope") ?? .everyPage
        }
        let region = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("region")?.oneOf(PageRegion.self, named: "region") ?? .page
        }
        let caseSensitive = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("case_sensitive")?.bool() ?? false
        }
        let requiresAll = diagnostics.attempt { () throws(YAMLError) -> Bool in
            guard let node = reader.optional("combine") else { return false }
            switch try node.string() {
            case "any": return false
            case "all": return true
            case let other:
                throw YAMLError("unknown combine '\(other)'" + Suggestion.phrase(for: other, among: ["any", "all"], listing: true),
                                at: node.location)
            }
        }
        let conditions = diagnostics.attempt { () throws(YAMLError) in try reader.required("match") }
            .flatMap { Condition.decodeList($0, caseSensitive: caseSensitive ?? false, into: &diagnostics) }
        let trigger = reader.optional("trigger_when").flatMap { decodeTrigger($0, into: &diagnostics) } ?? .anyPage
        let message = diagnostics.attempt { () throws(YAMLError) in
            guard let node = reader.optional("message") else {
                return try MessageTemplate(definition.title + ": {url}", at: definition.location)
            }
            return try MessageTemplate(node.string(), at: node.location)
        }
        let score = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("score_when_triggered")?.double(in: 0...100) ?? 0
        }
        let maxEvidence = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("max_evidence")?.int(in: 1...50) ?? defaultMaxEvidence
        }
        diagnostics.report(contentsOf: reader.finish(allowedKeys: paramKeys))

        guard diagnostics.isEmpty, let scope, let region, let requiresAll, let conditions, let message, let score,
              let maxEvidence else {
            return .failure(RuleErrors(diagnostics.sorted))
        }
        return .success(ContentRule(id: definition.id, title: definition.title, severity: definition.severity,
                                    appliesTo: definition.appliesTo, scope: scope, region: region,
                                    conditions: conditions, requiresAll: requiresAll, trigger: trigger,
                                    message: message, scoreWhenTriggered: score, maxEvidence: maxEvidence))
    }

    private static func decodeTrigger(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Trigger? {
        if node.mappingEntries != nil {
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(node) }) else { return nil }
            let count = diagnostics.attempt { () throws(YAMLError) in try reader.required("at_least").int(in: 1...100_000) }
            diagnostics.report(contentsOf: reader.finish())
            return count.map { .atLeast($0) }
        }
        return diagnostics.attempt { () throws(YAMLError) -> Trigger in
            let text = try node.string()
            switch text {
            case "any-page": return .anyPage
            case "all-pages": return .allPages
            case "no-page": return .noPage
            default:
                throw YAMLError("unknown trigger_when '\(text)'"
                                + Suggestion.phrase(for: text, among: Array(Trigger.names.prefix(3)), listing: true)
                                + "; or {at_least: N}", at: node.location)
            }
        }
    }
}
