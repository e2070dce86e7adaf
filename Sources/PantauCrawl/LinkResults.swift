import PantauCore

/// Link-check results by URL id (a ``URLTable`` id), compact for the common case.
///
/// Nearly every URL a crawl fetches or checks answers a plain 200: OK, no redirect, no note. Those
/// cost one bit here; any other result (a redirect chain, an error, another status) is kept whole.
/// A dictionary of ``LinkCheckResult`` costs ~70 bytes per URL.
struct LinkResults {
    /// URLs whose result is ``plainOK``, by id.
    private var plainOK = BitSet()
    private var others: [Int32: LinkCheckResult] = [:]

    /// The result of a 200 answer with no redirect and no note.
    static let plainOK = LinkCheckResult(verdict: .ok, status: 200, error: nil, redirectChain: [])

    subscript(id: Int32) -> LinkCheckResult? {
        get {
            if plainOK.contains(id) { return Self.plainOK }
            return others[id]
        }
        set {
            if newValue == Self.plainOK {
                plainOK.insert(id)
                others[id] = nil
            } else {
                plainOK.remove(id)
                others[id] = newValue
            }
        }
    }
}
