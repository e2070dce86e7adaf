import PantauYAML

/// How rule scores roll up into an institution's scorecard: category weights and result bands.
///
/// Written once per rule directory under a `scorecard:` key; ``default`` applies when no file
/// gives one.
public struct ScorecardConfig: Sendable, Hashable, Codable {
    /// One scorecard category (`freshness`, `openness`, `links`).
    public struct Category: Sendable, Hashable, Codable {
        /// The name rules use in `category:`.
        public var name: String
        /// The category's share of the overall score (positive; relative to the other categories).
        public var weight: Double
        /// Indonesian title for reports.
        public var title: String
        /// English title for reports.
        public var titleEN: String

        public init(name: String, weight: Double, title: String, titleEN: String) {
            self.name = name
            self.weight = weight
            self.title = title
            self.titleEN = titleEN
        }
    }

    /// A result band: every overall score at or above `min` (and below the next band's `min`).
    public struct Band: Sendable, Hashable, Codable {
        public var id: String
        /// Inclusive lower bound, 0...100.
        public var min: Double
        public var title: String

        public init(id: String, min: Double, title: String) {
            self.id = id
            self.min = min
            self.title = title
        }
    }

    /// Categories in the order reports show them.
    public var categories: [Category]
    /// Bands sorted from the highest `min` to the lowest; the last one starts at 0.
    public var bands: [Band]

    public init(categories: [Category], bands: [Band]) {
        self.categories = categories
        self.bands = bands.sorted { $0.min > $1.min }
    }

    /// The band an overall score (0...100) falls in: the first band, from the top, whose `min`
    /// the score reaches. Scores below every `min` fall in the lowest band.
    public func band(for score: Double) -> Band {
        bands.first { score >= $0.min } ?? bands[bands.count - 1]
    }

    /// The category named `name`, if the scorecard has it.
    public func category(named name: String) -> Category? {
        categories.first { $0.name == name }
    }

    /// The built-in scorecard.
    ///
    /// Weights favour public-information openness (UU 14/2008 makes it mandatory), then freshness
    /// (Art. 9: periodic information at least every 6 months), then working links (checked by the
    /// Monev KIP evaluators as "tautan berfungsi"). Bands: Monev KIP, Perki 1/2022 (Informatif
    /// 90-100, Menuju Informatif 80-89.9, Cukup Informatif 60-79.9, Kurang Informatif 40-59.9,
    /// Tidak Informatif below 40).
    public static let `default` = ScorecardConfig(
        categories: [
            Category(name: "freshness", weight: 35, title: "Kemutakhiran Konten", titleEN: "Content freshness"),
            Category(name: "openness", weight: 45, title: "Keterbukaan Informasi Publik", titleEN: "Public information"),
            Category(name: "links", weight: 20, title: "Tautan Berfungsi", titleEN: "Working links"),
        ],
        bands: [
            Band(id: "informatif", min: 90, title: "Informatif"),
            Band(id: "menuju-informatif", min: 80, title: "Menuju Informatif"),
            Band(id: "cukup-informatif", min: 60, title: "Cukup Informatif"),
            Band(id: "kurang-informatif", min: 40, title: "Kurang Informatif"),
            Band(id: "tidak-informatif", min: 0, title: "Tidak Informatif"),
        ])
}

/// Decodes a `scorecard:` mapping, reporting every problem into `diagnostics`.
enum ScorecardDecoder {
    /// Returns nil when the scorecard is unusable (its errors are then in `diagnostics`).
    static func decode(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> ScorecardConfig? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(node) }) else { return nil }
        let errorsBefore = diagnostics.errors.count
        let categories = diagnostics.attempt { () throws(YAMLError) in try reader.required("categories") }
            .flatMap { decodeCategories($0, into: &diagnostics) }
        let bands = reader.optional("bands").flatMap { decodeBands($0, into: &diagnostics) }
            ?? ScorecardConfig.default.bands
        diagnostics.report(contentsOf: reader.finish())
        guard let categories, diagnostics.errors.count == errorsBefore else { return nil }
        return ScorecardConfig(categories: categories, bands: bands)
    }

    private static func decodeCategories(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [ScorecardConfig.Category]? {
        guard let entries = node.mappingEntries else {
            diagnostics.report(node.typeError(expected: "a mapping of category name to { weight, title, title_en }"))
            return nil
        }
        if entries.isEmpty { diagnostics.report("a scorecard needs at least one category", at: node.location) }
        var result: [ScorecardConfig.Category] = []
        for (key, value) in entries {
            guard let name = diagnostics.attempt({ () throws(YAMLError) in try key.string() }) else { continue }
            if result.contains(where: { $0.name == name }) {
                diagnostics.report("duplicate category '\(name)'", at: key.location)
                continue
            }
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(value) }) else { continue }
            let weight = diagnostics.attempt { () throws(YAMLError) in
                let node = try reader.required("weight")
                let weight = try node.double()
                guard weight > 0 else { throw YAMLError("a category weight must be greater than 0", at: node.location) }
                return weight
            }
            let title = diagnostics.attempt { () throws(YAMLError) in try reader.required("title").string() }
            let titleEN = diagnostics.attempt { () throws(YAMLError) in try reader.optional("title_en")?.string() }
            diagnostics.report(contentsOf: reader.finish())
            if let weight, let title {
                result.append(.init(name: name, weight: weight, title: title, titleEN: (titleEN ?? nil) ?? title))
            }
        }
        return result
    }

    private static func decodeBands(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [ScorecardConfig.Band]? {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return nil }
        guard !items.isEmpty else {
            diagnostics.report("a scorecard needs at least one band", at: node.location)
            return nil
        }
        var bands: [ScorecardConfig.Band] = []
        for item in items {
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(item) }) else { continue }
            let id = diagnostics.attempt { () throws(YAMLError) in try reader.required("id").string() }
            let minNode = diagnostics.attempt { () throws(YAMLError) in try reader.required("min") }
            let min = minNode.flatMap { node in diagnostics.attempt { () throws(YAMLError) in try node.double(in: 0...100) } }
            let title = diagnostics.attempt { () throws(YAMLError) in try reader.required("title").string() }
            diagnostics.report(contentsOf: reader.finish())
            guard let id, let min, let title, let minNode else { continue }
            if bands.contains(where: { $0.id == id }) {
                diagnostics.report("duplicate band '\(id)'", at: item.location)
            } else if let previous = bands.last, min >= previous.min {
                // Listing high to low keeps the file readable as the published Monev KIP table.
                diagnostics.report("bands must be listed from the highest 'min' to the lowest; \(formatScore(min)) is not below \(formatScore(previous.min))",
                                   at: minNode.location)
            } else {
                bands.append(.init(id: id, min: min, title: title))
            }
        }
        if let lowest = bands.last, lowest.min != 0 {
            diagnostics.report("the lowest band must start at min: 0 so that every score has a band", at: node.location)
            return nil
        }
        return bands
    }
}

func formatScore(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
