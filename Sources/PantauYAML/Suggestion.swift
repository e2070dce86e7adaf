/// "Did you mean" suggestions for misspelt keys and values.
public enum Suggestion {
    /// The candidate closest to `word` by Levenshtein distance (ignoring letter case), when it is
    /// close enough to be a plausible typo: at most 2 edits, or a third of the candidate's length
    /// for longer words (`severty` → `severity`, but not `foo` → `severity`).
    public static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            guard distance <= max(2, candidate.count / 3), distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// The tail of an "unknown ..." message: `; did you mean 'x'?`, optionally followed by
    /// the valid values (`listing`), or `; expected one of: a, b` when nothing is close.
    public static func phrase(for word: String, among candidates: [String], listing: Bool = false) -> String {
        let list = candidates.joined(separator: ", ")
        if let near = nearest(to: word, among: candidates) {
            return "; did you mean '\(near)'?" + (listing ? " (expected one of: \(list))" : "")
        }
        return candidates.isEmpty ? "" : "; expected one of: \(list)"
    }

    /// Levenshtein distance (insertions, deletions, substitutions each cost 1).
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
