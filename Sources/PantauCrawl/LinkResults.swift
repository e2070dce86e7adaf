/// Link-check results by URL id (a ``URLTable`` id), compact for the common case.
///
/// Nearly every URL a crawl fetches or checks answers a plain 200: OK, no redirect, no note. Those
/// cost one bit here; any other result (a redirect chain, an error, another status) is kept whole.
/// A dictionary of ``LinkCheckResult`` costs ~70 bytes per URL.
struct LinkResults {
    /// Bit `id` set when URL `id`'s result is ``plainOK``.
    private var plainOK: [UInt64] = []
    private var others: [Int32: LinkCheckResult] = [:]

    /// The result of a 200 answer with no redirect and no note.
    static let plainOK = LinkCheckResult(verdict: .ok, status: 200, error: nil, redirectChain: [])

    subscript(id: Int32) -> LinkCheckResult? {
        get {
            if bit(id) { return Self.plainOK }
            return others[id]
        }
        set {
            if newValue == Self.plainOK {
                setBit(id, true)
                others[id] = nil
            } else {
                setBit(id, false)
                others[id] = newValue
            }
        }
    }

    private func bit(_ id: Int32) -> Bool {
        let word = Int(id) >> 6
        return word < plainOK.count && plainOK[word] & (1 << UInt64(id & 63)) != 0
    }

    private mutating func setBit(_ id: Int32, _ value: Bool) {
        let word = Int(id) >> 6
        if word >= plainOK.count {
            guard value else { return }
            plainOK.append(contentsOf: repeatElement(0, count: word - plainOK.count + 1))
        }
        if value { plainOK[word] |= 1 << UInt64(id & 63) } else { plainOK[word] &= ~(1 << UInt64(id & 63)) }
    }
}
