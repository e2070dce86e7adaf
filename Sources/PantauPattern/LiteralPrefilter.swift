import Synchronization

/// Literal words every match of a pattern must contain (an AND/OR combination of them), so a text
/// lacking them is known not to match without running the regex engine.
///
/// Why: ICU's case-insensitive search folds every character of a ~30 KB page text per pattern,
/// and most pages lack a spam pattern's words. Which literals a text holds is found for every
/// pattern of a group at once, in one pass over the text (``LiteralIndex``); a pattern then only
/// evaluates its AND/OR tree. The filter only ever skips a search whose outcome is certain, so
/// results are identical with and without it.
///
/// Soundness, case-insensitive patterns: the literals are ASCII, lowercased, and found in the
/// text with its ASCII letters lowercased. A text character can match an ASCII literal character
/// under ICU's full case folding only if it is ASCII itself or one of the few characters whose
/// case mappings produce ASCII (`ſ`, `K`, `ß`, `İ`, `ﬁ`, ...); in a text holding any such
/// character every case-insensitive literal counts as present.
///
/// A class: every ``BoundedRegex`` copy shares it.
final class LiteralPrefilter: Sendable {
    /// What a text must contain for a match to be possible.
    indirect enum Need: Sendable, CustomStringConvertible {
        /// The bytes (ASCII; lowercased for case-insensitive patterns).
        case literal([UInt8])
        case all([Need])
        case any([Need])

        var description: String {
            switch self {
            case .literal(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .all(let needs): return "(" + needs.map(\.description).joined(separator: " & ") + ")"
            case .any(let needs): return "(" + needs.map(\.description).joined(separator: " | ") + ")"
            }
        }
    }

    let need: Need
    let caseSensitive: Bool
    /// A number no other filter of the process has: a ``LiteralIndex`` finds a filter's literals
    /// by it (filters are made one after another when rules load, so a group's are close).
    let serial: Int
    private static let serials = Atomic<Int>(0)
    /// Every literal of `need`, numbered in the order ``NeedProgram`` refers to them.
    let literals: [[UInt8]]
    /// `need` laid out flat for evaluation (no reference counting per node).
    private let program: NeedProgram

    /// The filter for `pattern`, or nil when no literal is required of every match (or the
    /// pattern uses syntax this reader does not model: then nothing is filtered).
    init?(pattern: String, caseSensitive: Bool) {
        var parser = RequirementParser(Array(pattern.unicodeScalars), caseSensitive: caseSensitive)
        guard let need = parser.parseAll() else { return nil }
        self.need = need
        self.caseSensitive = caseSensitive
        serial = Self.serials.add(1, ordering: .relaxed).oldValue
        var literals: [[UInt8]] = []
        self.program = NeedProgram(need, literals: &literals)
        self.literals = literals
    }

    /// False only when a text certainly holds no match: `ids[n]` is the id of literal number `n`
    /// (see ``literals``) in an index, `found` the index's bit set of the literals the text holds.
    func mayMatch(ids: UnsafeBufferPointer<Int32>, found: UnsafeBufferPointer<UInt64>) -> Bool {
        program.holds(ids: ids, found: found)
    }
}

/// A ``LiteralPrefilter/Need`` tree laid out in two flat arrays, so that evaluating it (for every
/// text, every pattern) touches no reference counts: nodes by index, each node's children as a
/// run of indices; a literal node holds its literal's number.
private struct NeedProgram: Sendable {
    private enum Kind: UInt8 { case literal, all, any }

    private struct Node {
        var kind: Kind
        /// A literal: its number; otherwise offset of its children in `children`.
        var start: Int32
        /// The number of children (0 for a literal).
        var count: Int32
    }

    private var nodes: [Node] = []
    private var children: [Int32] = []

    /// Lays out `need`, appending its literals to `literals` in the order the nodes number them.
    init(_ need: LiteralPrefilter.Need, literals: inout [[UInt8]]) {
        _ = add(need, &literals)
    }

    /// Appends `need` and its subtree; returns its node index. The root is node 0.
    private mutating func add(_ need: LiteralPrefilter.Need, _ literals: inout [[UInt8]]) -> Int32 {
        let index = Int32(nodes.count)
        switch need {
        case .literal(let literal):
            nodes.append(Node(kind: .literal, start: Int32(literals.count), count: 0))
            literals.append(literal)
        case .all(let needs), .any(let needs):
            let kind: Kind = if case .all = need { .all } else { .any }
            nodes.append(Node(kind: kind, start: 0, count: Int32(needs.count)))
            let ids = needs.map { add($0, &literals) }
            nodes[Int(index)].start = Int32(children.count)
            children.append(contentsOf: ids)
        }
        return index
    }

    func holds(ids: UnsafeBufferPointer<Int32>, found: UnsafeBufferPointer<UInt64>) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                Self.evaluate(0, nodes, children, ids, found)
            }
        }
    }

    private static func evaluate(_ index: Int, _ nodes: UnsafeBufferPointer<Node>, _ children: UnsafeBufferPointer<Int32>,
                                 _ ids: UnsafeBufferPointer<Int32>, _ found: UnsafeBufferPointer<UInt64>) -> Bool {
        let node = nodes[index]
        switch node.kind {
        case .literal:
            let id = Int(ids[Int(node.start)])
            return found[id >> 6] & (1 << UInt64(id & 63)) != 0
        case .all:
            for child in Int(node.start)..<Int(node.start + node.count)
            where !evaluate(Int(children[child]), nodes, children, ids, found) { return false }
            return true
        case .any:
            for child in Int(node.start)..<Int(node.start + node.count)
            where evaluate(Int(children[child]), nodes, children, ids, found) { return true }
            return false
        }
    }
}

/// Reads an ICU pattern far enough to know which literals every match must contain.
///
/// The result of a piece is nil ("no requirement") or what every match of it contains. Anything
/// not modelled (inline flags, `\Q`, `\p{}`, back references, ...) makes the whole pattern
/// unfiltered.
private struct RequirementParser {
    private let chars: [Unicode.Scalar]
    private var index = 0
    /// Set on syntax this reader does not model.
    private var unsupported = false
    private let caseSensitive: Bool

    init(_ chars: [Unicode.Scalar], caseSensitive: Bool) {
        self.chars = chars
        self.caseSensitive = caseSensitive
    }

    mutating func parseAll() -> LiteralPrefilter.Need? {
        let result = parseAlternation()
        guard !unsupported, index == chars.count else { return nil }
        return result
    }

    private var current: Unicode.Scalar? { index < chars.count ? chars[index] : nil }

    /// Branches separated by `|`, up to `)` or the end.
    private mutating func parseAlternation() -> LiteralPrefilter.Need? {
        var branches: [LiteralPrefilter.Need] = []
        var everyBranchRequires = true
        while true {
            let branch = parseSequence()
            if let branch { branches.append(branch) } else { everyBranchRequires = false }
            guard current == "|" else { break }
            index += 1
        }
        guard everyBranchRequires, !branches.isEmpty else { return nil }
        return branches.count == 1 ? branches[0] : .any(branches)
    }

    private enum Atom {
        case literal(UInt8)
        /// Consumes characters but names no literal (`.`, `\s`, a class, a non-ASCII letter).
        case other
        /// Zero width (`^`, `\b`, a lookaround).
        case anchor
        case group(LiteralPrefilter.Need?)
    }

    /// Items up to `|`, `)` or the end; everything they all require.
    private mutating func parseSequence() -> LiteralPrefilter.Need? {
        var needs: [LiteralPrefilter.Need] = []
        var run: [UInt8] = []
        func closeRun() {
            if !run.isEmpty { needs.append(.literal(run.map { caseSensitive ? $0 : LiteralIndex.lower($0) })) }
            run = []
        }
        while let char = current, char != "|", char != ")", !unsupported {
            let atom = parseAtom()
            guard !unsupported else { return nil }
            let minimum = parseQuantifier()
            guard !unsupported else { return nil }
            switch atom {
            case .literal(let byte):
                if let minimum {
                    // `ab+` still needs "ab"; `ab?` only "a".
                    if minimum >= 1 { run.append(byte) }
                    closeRun()
                } else {
                    run.append(byte)
                }
            case .other, .anchor:
                closeRun()
            case .group(let requirement):
                closeRun()
                if let requirement, (minimum ?? 1) >= 1 { needs.append(requirement) }
            }
        }
        closeRun()
        guard !needs.isEmpty else { return nil }
        // Longer literals first: the likeliest to be missing, so `allSatisfy` stops early.
        let ordered = needs.sorted { Self.weight($0) > Self.weight($1) }
        return ordered.count == 1 ? ordered[0] : .all(ordered)
    }

    private static func weight(_ need: LiteralPrefilter.Need) -> Int {
        switch need {
        case .literal(let bytes): return bytes.count
        case .all(let needs): return needs.map(weight).max() ?? 0
        case .any(let needs): return needs.map(weight).min() ?? 0
        }
    }

    private mutating func parseAtom() -> Atom {
        let char = chars[index]
        index += 1
        switch char {
        case ".":
            return .other
        case "^", "$":
            return .anchor
        case "[":
            skipClass()
            return .other
        case "(":
            return parseGroup()
        case "\\":
            return parseEscape()
        case "?", "*", "+", "{", "}", "]":
            unsupported = true
            return .other
        default:
            return char.isASCII ? .literal(UInt8(char.value)) : .other
        }
    }

    private mutating func parseGroup() -> Atom {
        var lookaround = false
        if current == "?" {
            index += 1
            switch current {
            case ":", ">":
                index += 1
            case "=", "!":
                index += 1
                lookaround = true
            case "<":
                index += 1
                if current == "=" || current == "!" {
                    index += 1
                    lookaround = true
                } else {
                    // A named group `(?<name>...)`.
                    while let c = current, c != ">" {
                        guard c.properties.isAlphabetic || c.properties.numericType != nil else { unsupported = true; return .other }
                        index += 1
                    }
                    guard current == ">" else { unsupported = true; return .other }
                    index += 1
                }
            default:
                // Inline flags (`(?i)`, `(?x)`), comments: change how the rest reads.
                unsupported = true
                return .other
            }
        }
        let requirement = parseAlternation()
        guard current == ")" else { unsupported = true; return .other }
        index += 1
        return lookaround ? .anchor : .group(requirement)
    }

    private mutating func parseEscape() -> Atom {
        guard let char = current else { unsupported = true; return .other }
        index += 1
        if "bBAzZG".unicodeScalars.contains(char) { return .anchor }
        if "sSwWdDhHvVRXnrtfae".unicodeScalars.contains(char) { return .other }
        if char.isASCII, !char.properties.isAlphabetic, char.properties.numericType == nil {
            return .literal(UInt8(char.value))
        }
        unsupported = true
        return .other
    }

    /// Skips a character class, nested classes included.
    private mutating func skipClass() {
        var depth = 1
        if current == "^" { index += 1 }
        if current == "]" { unsupported = true; return }
        while let char = current, depth > 0 {
            index += 1
            switch char {
            case "\\": index += 1
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        if depth > 0 { unsupported = true }
    }

    /// The minimum count of a quantifier after an atom, or nil when there is none.
    private mutating func parseQuantifier() -> Int? {
        guard let char = current else { return nil }
        let minimum: Int
        switch char {
        case "?", "*":
            minimum = 0
            index += 1
        case "+":
            minimum = 1
            index += 1
        case "{":
            index += 1
            var digits = ""
            while let c = current, c.properties.numericType != nil, c.isASCII {
                digits.unicodeScalars.append(c)
                index += 1
            }
            while let c = current, c != "}" {
                guard c == "," || (c.isASCII && c.properties.numericType != nil) else { unsupported = true; return nil }
                index += 1
            }
            guard current == "}", let value = Int(digits) else { unsupported = true; return nil }
            index += 1
            minimum = value
        default:
            return nil
        }
        // Lazy or possessive variants.
        if current == "?" || current == "+" { index += 1 }
        return minimum
    }
}
