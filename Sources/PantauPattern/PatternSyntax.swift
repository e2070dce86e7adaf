/// The common mistakes in a regular expression, named so the analyst can fix them: ICU reports
/// only that a pattern is invalid (Foundation on Linux passes no reason on).
enum PatternSyntax {
    /// A sentence naming the first structural mistake (unbalanced parenthesis or bracket, a
    /// quantifier with nothing to repeat, a trailing backslash), with its 1-based position in the
    /// pattern; nil when none of these is found.
    static func problem(in pattern: String) -> String? {
        let chars = Array(pattern)
        var open: [Int] = []
        var index = 0
        var canRepeat = false
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\\":
                guard index + 1 < chars.count else { return "the pattern ends with a lone backslash; write \\\\ for a backslash" }
                index += 1
                canRepeat = true
            case "[":
                let start = index
                index += 1
                if index < chars.count, chars[index] == "^" { index += 1 }
                if index < chars.count, chars[index] == "]" { index += 1 }
                while index < chars.count, chars[index] != "]" {
                    if chars[index] == "\\" { index += 1 }
                    index += 1
                }
                guard index < chars.count else { return "'[' at position \(start + 1) is never closed; add ']' or write \\[" }
                canRepeat = true
            case "(":
                open.append(index)
                canRepeat = false
                if index + 1 < chars.count, chars[index + 1] == "?" { index += 1 }
            case ")":
                guard open.popLast() != nil else { return "')' at position \(index + 1) closes nothing; remove it or write \\)" }
                canRepeat = true
            case "|":
                canRepeat = false
            case "*", "+", "?":
                guard canRepeat else { return "'\(char)' at position \(index + 1) has nothing to repeat; write \\\(char) for the character" }
                // A lazy or possessive suffix (`*?`, `++`) repeats nothing new.
                if index + 1 < chars.count, chars[index + 1] == "?" || chars[index + 1] == "+" { index += 1 }
                canRepeat = false
            default:
                canRepeat = true
            }
            index += 1
        }
        if let unclosed = open.last { return "'(' at position \(unclosed + 1) is never closed; add ')' or write \\(" }
        return nil
    }
}
