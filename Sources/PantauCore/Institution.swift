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

    public init(id: String, name: String, type: InstitutionType, url: String, disabledRules: Set<String> = []) {
        self.id = id
        self.name = name
        self.type = type
        self.url = url
        self.disabledRules = disabledRules
    }
}
