import PantauCore
import PantauYAML

/// Decodes one `rules:` entry into a ``RuleDefinition``, reporting every problem of the entry.
struct RuleDecoder {
    /// Known plugin ids → the category their rules count towards by default.
    let plugins: [String: String]

    /// Rule and institution ids: lower-case, so they are stable in URLs, file names and CSV.
    static let idPattern = "[a-z0-9][a-z0-9._-]*"

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return id.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLowerAlnum(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    /// Returns nil when the rule has any error (all of them are in `diagnostics`).
    func decode(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> RuleDefinition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(node, expected: "a rule (a mapping)") })
        else { return nil }
        let errorsBefore = diagnostics.errors.count

        let id = diagnostics.attempt { () throws(YAMLError) in
            let node = try reader.required("id")
            let id = try node.string()
            guard Self.isValidID(id) else {
                throw YAMLError("invalid rule id '\(id)'; use lower-case letters, digits, '.', '_' and '-' (\(Self.idPattern))",
                                at: node.location)
            }
            return id
        }
        let plugin = diagnostics.attempt { () throws(YAMLError) in
            let node = try reader.required("plugin")
            let plugin = try node.string()
            guard plugins[plugin] != nil else {
                throw YAMLError("unknown plugin '\(plugin)'" + Suggestion.phrase(for: plugin, among: plugins.keys.sorted()),
                                at: node.location)
            }
            return plugin
        }
        let title = diagnostics.attempt { () throws(YAMLError) in try reader.required("title").string() }
        let severity = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("severity")?.oneOf(Severity.self, named: "severity") ?? .warning
        }
        // Weights are relative inside a category; 100 bounds typos like 300 for 3.
        let weight = diagnostics.attempt { () throws(YAMLError) in try reader.optional("weight")?.double(in: 0...100) ?? 1 }
        let category = diagnostics.attempt { () throws(YAMLError) in try reader.optional("category")?.string() }
        let appliesTo = reader.optional("applies_to").map { decodeAppliesTo($0, into: &diagnostics) }
            ?? Set(InstitutionType.allCases)
        let params = reader.optional("params")
        if let params, params.mappingEntries == nil {
            diagnostics.report(params.typeError(expected: "a mapping of plugin parameters"))
        }
        let examples = reader.optional("examples").map { ExampleDecoder.decodeList($0, into: &diagnostics) } ?? []
        diagnostics.report(contentsOf: reader.finish())

        guard diagnostics.errors.count == errorsBefore, let id, let plugin, let title, let severity, let weight,
              let category, let pluginCategory = plugins[plugin] else { return nil }
        return RuleDefinition(id: id, plugin: plugin, title: title, severity: severity, weight: weight,
                              category: category ?? pluginCategory, appliesTo: appliesTo, params: params,
                              examples: examples, location: node.location)
    }

    private func decodeAppliesTo(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Set<InstitutionType> {
        let items: [YAMLNode]
        switch node.kind {
        case .scalar: items = [node]
        case .sequence(let list): items = list
        case .mapping:
            diagnostics.report(node.typeError(expected: "an institution type or a list of them"))
            return []
        }
        if items.isEmpty {
            diagnostics.report("applies_to is empty; the rule would never run", at: node.location)
        }
        var types = Set<InstitutionType>()
        for item in items {
            if let type = diagnostics.attempt({ () throws(YAMLError) in
                try item.oneOf(InstitutionType.self, named: "institution type")
            }) {
                types.insert(type)
            }
        }
        return types
    }
}

/// Decodes a rule's `examples:` list.
enum ExampleDecoder {
    /// The home page URL of an example that names none.
    static let defaultURL = "https://contoh.go.id/"

    static func decodeList(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [RuleExample] {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return [] }
        return items.compactMap { decode($0, into: &diagnostics) }
    }

    private static func decode(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> RuleExample? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(node, expected: "an example (a mapping)") })
        else { return nil }
        let errorsBefore = diagnostics.errors.count
        let triggers = diagnostics.attempt { () throws(YAMLError) in try reader.required("triggers").bool() }
        let auditDate = diagnostics.attempt { () throws(YAMLError) in try reader.optional("audit_date").map(date) }
        let expectMessage = diagnostics.attempt { () throws(YAMLError) in try reader.optional("expect_message")?.string() }

        var pages: [ExamplePage] = []
        let url = reader.optional("url")
        let html = reader.optional("html")
        let pageList = reader.optional("pages")
        if let pageList {
            if url != nil || html != nil {
                diagnostics.report("give either 'url'/'html' or 'pages', not both", at: pageList.location)
            }
            pages = decodePages(pageList, into: &diagnostics)
        } else if let html {
            let body = diagnostics.attempt { () throws(YAMLError) in try html.string() }
            let address = url.flatMap { node in diagnostics.attempt { () throws(YAMLError) in try absoluteURL(node) } }
            if let body { pages = [ExamplePage(url: address ?? defaultURL, body: body)] }
        } else {
            diagnostics.report("an example needs 'html' (with an optional 'url') or 'pages'", at: node.location)
        }
        let links = reader.optional("links").map { decodeLinks($0, into: &diagnostics) } ?? []
        let observations = reader.optional("observations").map { decodeObservations($0, into: &diagnostics) } ?? []
        diagnostics.report(contentsOf: reader.finish())

        guard diagnostics.errors.count == errorsBefore, let triggers, let auditDate, let expectMessage else { return nil }
        return RuleExample(triggers: triggers, pages: pages, links: links, auditDate: auditDate,
                           expectMessage: expectMessage, location: node.location, observations: observations)
    }

    private static func decodePages(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [ExamplePage] {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return [] }
        if items.isEmpty { diagnostics.report("'pages' needs at least one page", at: node.location) }
        var pages: [ExamplePage] = []
        for (index, item) in items.enumerated() {
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(item, expected: "a page (a mapping)") })
            else { continue }
            // Only the home page may leave its URL to the default.
            let url = diagnostics.attempt { () throws(YAMLError) in
                if index == 0 { return try reader.optional("url").map(absoluteURL) ?? defaultURL }
                return try absoluteURL(reader.required("url"))
            }
            let body = diagnostics.attempt { () throws(YAMLError) in
                switch (reader.optional("html"), reader.optional("body")) {
                case (let html?, nil): return try html.string()
                case (nil, let body?): return try body.string()
                case (_?, let body?): throw YAMLError("give either 'html' or 'body', not both", at: body.location)
                case (nil, nil): throw YAMLError("a page needs 'html' or 'body'", at: item.location)
                }
            }
            let mediaType = diagnostics.attempt { () throws(YAMLError) in try reader.optional("media_type")?.string() ?? "text/html" }
            diagnostics.report(contentsOf: reader.finish())
            if let url, let body, let mediaType { pages.append(ExamplePage(url: url, body: body, mediaType: mediaType)) }
        }
        return pages
    }

    private static func decodeLinks(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [ExampleLink] {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return [] }
        var links: [ExampleLink] = []
        for item in items {
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(item, expected: "a link (a mapping)") })
            else { continue }
            let url = diagnostics.attempt { () throws(YAMLError) in try absoluteURL(reader.required("url")) }
            let verdict = diagnostics.attempt { () throws(YAMLError) -> (status: Int?, error: String?) in
                switch (reader.optional("status"), reader.optional("error")) {
                case (let status?, nil): return (try status.int(in: 100...599), nil)
                case (nil, let error?): return (nil, try error.string())
                case (_?, let error?): throw YAMLError("give either 'status' or 'error', not both", at: error.location)
                case (nil, nil): throw YAMLError("a link needs 'status' or 'error'", at: item.location)
                }
            }
            let referrer = diagnostics.attempt { () throws(YAMLError) in try reader.optional("referrer").map(absoluteURL) }
            diagnostics.report(contentsOf: reader.finish())
            if let url, let verdict, let referrer {
                links.append(ExampleLink(url: url, status: verdict.status, error: verdict.error, referrer: referrer))
            }
        }
        return links
    }

    /// `observations: [{kind: soft-404, url: ..., detail: ..., referrer: ...}]`; `detail` and
    /// `referrer` are optional.
    private static func decodeObservations(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [CrawlObservation] {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return [] }
        var observations: [CrawlObservation] = []
        for item in items {
            guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(item, expected: "an observation (a mapping)") })
            else { continue }
            let kind = diagnostics.attempt { () throws(YAMLError) in
                try reader.required("kind").oneOf(CrawlObservation.Kind.self, named: "observation kind")
            }
            let url = diagnostics.attempt { () throws(YAMLError) in try absoluteURL(reader.required("url")) }
            let detail = diagnostics.attempt { () throws(YAMLError) in try reader.optional("detail")?.string() ?? "" }
            let referrer = diagnostics.attempt { () throws(YAMLError) in try reader.optional("referrer").map(absoluteURL) }
            diagnostics.report(contentsOf: reader.finish())
            if let kind, let url, let detail, let referrer {
                observations.append(CrawlObservation(kind: kind, url: url, detail: detail, referrer: referrer))
            }
        }
        return observations
    }

    private static func date(_ node: YAMLNode) throws(YAMLError) -> CalendarDate {
        guard let date = CalendarDate(iso: try node.string()) else { throw node.typeError(expected: "a date YYYY-MM-DD") }
        return date
    }

    private static func absoluteURL(_ node: YAMLNode) throws(YAMLError) -> String {
        let text = try node.string()
        guard WebAddress.isAbsoluteHTTP(text) else {
            throw YAMLError("'\(text)' is not an absolute http(s) URL", at: node.location)
        }
        return text
    }
}
