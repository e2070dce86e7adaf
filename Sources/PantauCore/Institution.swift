/// The kind of public body that runs a site; rules apply by type.
///
/// Source: the structure of Indonesian district government (kabupaten/kota): agencies (OPD: dinas,
/// badan, kantor), sub-districts (kecamatan), urban villages (kelurahan) and the district portal.
public enum InstitutionType: String, Codable, Sendable, CaseIterable, Hashable {
    case opd
    case kecamatan
    case kelurahan
    case district
}

import PantauYAML

/// One institution in the inventory: a public body and the site it must keep.
public struct Institution: Codable, Sendable, Hashable, Identifiable {
    /// Stable short id, unique in the inventory (`dinkes`, `kec-bobotsari`).
    public var id: String
    /// Display name ("Dinas Kesehatan").
    public var name: String
    public var type: InstitutionType
    /// The site's home page, absolute http(s) URL.
    public var url: String
    /// Rule ids switched off for this institution only.
    public var disabledRules: Set<String>
    /// Parameters changed for this institution only (the inventory's `rule_params:`): rule id →
    /// a mapping merged over that rule's `params`. Not encoded: it keeps YAML nodes so that a
    /// mistake in it is reported at its place in the inventory file.
    public var ruleParams: [String: ParamOverride] = [:]

    private enum CodingKeys: String, CodingKey {
        case id, name, type, url, disabledRules
    }

    public init(id: String, name: String, type: InstitutionType, url: String, disabledRules: Set<String> = [],
                ruleParams: [String: ParamOverride] = [:]) {
        self.id = id
        self.name = name
        self.type = type
        self.url = url
        self.disabledRules = disabledRules
        self.ruleParams = ruleParams
    }
}

/// One rule's parameters as an inventory entry overrides them (`rule_params: { <rule id>: {...} }`).
///
/// The merge is shallow: each key given here replaces the rule's value for that key (a list
/// replaces the whole list), keys not given keep the rule's value. The rule's plugin then compiles
/// the merged parameters for this institution only.
public struct ParamOverride: Sendable, Hashable {
    /// Where the rule id is written in the inventory (for "unknown rule" errors).
    public var ruleLocation: SourceLocation
    /// The mapping of parameters, with its locations in the inventory file.
    public var params: YAMLNode

    public init(ruleLocation: SourceLocation, params: YAMLNode) {
        self.ruleLocation = ruleLocation
        self.params = params
    }

    public static func == (a: ParamOverride, b: ParamOverride) -> Bool {
        a.ruleLocation == b.ruleLocation && Self.same(a.params, b.params)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ruleLocation)
        Self.hash(params, into: &hasher)
    }

    /// Structural equality: same kinds, texts and locations all the way down.
    private static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.location == b.location else { return false }
        switch (a.kind, b.kind) {
        case let (.scalar(x, q1), .scalar(y, q2)): return x == y && q1 == q2
        case let (.sequence(x), .sequence(y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default: return false
        }
    }

    private static func hash(_ node: YAMLNode, into hasher: inout Hasher) {
        hasher.combine(node.location)
        switch node.kind {
        case .scalar(let text, let quoted): hasher.combine(text); hasher.combine(quoted)
        case .sequence(let items): for item in items { hash(item, into: &hasher) }
        case .mapping(let entries):
            for entry in entries { hash(entry.key, into: &hasher); hash(entry.value, into: &hasher) }
        }
    }
}
