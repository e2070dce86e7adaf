import PantauCore

/// One public body of the fictional district and the host its site lives on.
struct RosterEntry: Sendable {
    var id: String
    var name: String
    var type: InstitutionType
    var host: String
}

/// The fictional Kabupaten Sukamaju: a portal, 31 OPD, 18 kecamatan and 15 kelurahan (the size of
/// a typical Central Java district, domain note intro). Hosts end in `.test` (RFC 2606), so no
/// name in the demo can ever resolve on a real network.
enum DistrictRoster {
    static let districtName = "Kabupaten Sukamaju"
    static let domain = "sukamajukab.test"

    static let opd: [(id: String, name: String)] = [
        ("setda", "Sekretariat Daerah"),
        ("setwan", "Sekretariat DPRD"),
        ("inspektorat", "Inspektorat Daerah"),
        ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
        ("bpkpd", "Badan Pengelolaan Keuangan dan Pendapatan Daerah"),
        ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
        ("bpbd", "Badan Penanggulangan Bencana Daerah"),
        ("kesbangpol", "Badan Kesatuan Bangsa dan Politik"),
        ("dinkes", "Dinas Kesehatan"),
        ("disdikbud", "Dinas Pendidikan dan Kebudayaan"),
        ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("dinkominfo", "Dinas Komunikasi dan Informatika"),
        ("dinsos", "Dinas Sosial"),
        ("dinhub", "Dinas Perhubungan"),
        ("satpolpp", "Satuan Polisi Pamong Praja"),
        ("dindukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("dlh", "Dinas Lingkungan Hidup"),
        ("dinpertan", "Dinas Pertanian dan Ketahanan Pangan"),
        ("disnakkeswan", "Dinas Peternakan dan Kesehatan Hewan"),
        ("dinperkim", "Dinas Perumahan dan Kawasan Permukiman"),
        ("dinporapar", "Dinas Pemuda, Olahraga dan Pariwisata"),
        ("disnakerkop", "Dinas Tenaga Kerja, Koperasi dan Usaha Kecil Menengah"),
        ("dispermades", "Dinas Pemberdayaan Masyarakat dan Desa"),
        ("dinkp", "Dinas Kelautan dan Perikanan"),
        ("disperindag", "Dinas Perindustrian dan Perdagangan"),
        ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana"),
        ("dinarpus", "Dinas Perpustakaan dan Kearsipan"),
        ("damkar", "Dinas Pemadam Kebakaran"),
        ("rsud", "Rumah Sakit Umum Daerah Sukamaju"),
    ]

    static let kecamatan = ["sukamaju", "karangjati", "sumberrejo", "mekarsari", "cibening", "tanjungsari",
                            "wanasari", "kedungwaru", "bojongsari", "purwodadi", "margasari", "rejosari",
                            "sidomulyo", "gunungwungkal", "kalibening", "pagerbarang", "tegalrejo", "ciwaru"]

    static let kelurahan = ["kembangan", "penambongan", "karanganyar", "jatisari", "kalikabong", "bojanegara",
                            "wirasana", "sindangrasa", "pasirmulya", "tamansari", "babakan", "kauman",
                            "pekuncen", "sidakangen", "kandanggampang"]

    /// Portal first, then OPD, kecamatan and kelurahan, each in roster order.
    static func entries() -> [RosterEntry] {
        var all = [RosterEntry(id: "portal", name: "Pemerintah \(districtName)", type: .district, host: domain)]
        all += opd.map { RosterEntry(id: $0.id, name: $0.name, type: .opd, host: "\($0.id).\(domain)") }
        all += kecamatan.map {
            RosterEntry(id: "kec-\($0)", name: "Kecamatan \(capitalized($0))", type: .kecamatan,
                        host: "kecamatan\($0).\(domain)")
        }
        all += kelurahan.map {
            RosterEntry(id: "kel-\($0)", name: "Kelurahan \(capitalized($0))", type: .kelurahan,
                        host: "kel-\($0).\(domain)")
        }
        return all
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
