/// Collects every located error of a load, so one run reports all of a file's mistakes.
///
/// A loader decodes each part inside ``attempt(_:)``: a failing part records its error and
/// yields nil, and the loader carries on with the next part instead of stopping at the first.
public struct Diagnostics: Sendable {
    /// The errors in the order they were reported.
    public private(set) var errors: [YAMLError] = []

    public init() {}

    /// True when nothing has been reported.
    public var isEmpty: Bool { errors.isEmpty }

    /// Records one error.
    public mutating func report(_ error: YAMLError) { errors.append(error) }

    /// Records one error built from a message and a location.
    public mutating func report(_ message: String, at location: SourceLocation) {
        errors.append(YAMLError(message, at: location))
    }

    /// Records several errors.
    public mutating func report(contentsOf more: some Sequence<YAMLError>) { errors.append(contentsOf: more) }

    /// Runs `body`; when it throws, records the error and returns nil.
    public mutating func attempt<T>(_ body: () throws(YAMLError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// The errors ordered by file, line, column, then message: the order `rules lint` prints.
    public var sorted: [YAMLError] { errors.sorted(by: YAMLError.sourceOrder) }
}

extension YAMLError {
    /// Orders errors by file, line, column, then message.
    public static func sourceOrder(_ a: YAMLError, _ b: YAMLError) -> Bool {
        (a.location.file, a.location.line, a.location.column, a.message)
            < (b.location.file, b.location.line, b.location.column, b.message)
    }
}
