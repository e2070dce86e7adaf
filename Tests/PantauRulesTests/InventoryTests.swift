import Testing
import PantauCore
import PantauYAML
@testable import PantauRules

@Suite struct InventoryTests {
    @Test func yamlInventoryKeepsGoodEntriesAndReportsBadOnes() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("sites.yaml", """
        district: Kabupaten Purbalingga
        institutions:
          - id: dinkes
            name: Dinas Kesehatan
            type: opd
            url: http://dinkes.purbalingga.test:8089/
            disable_rules: [hygiene.http-only]
          - id: kec-bobotsari
            name: Kecamatan Bobotsari
            type: kecamatn
            url: https://bobotsari.purbalingga.test/
          - id: dinkes
            name: Duplikat
            type: opd
            url: https://lain.purbalingga.test/
          - id: bappeda
            name: Bappeda
            type: opd
            url: bappeda.purbalingga.test
          - id: portal
            type: district
            url: https://purbalingga.test/
          - id: kel-kandanggampang
            name: Kelurahan Kandanggampang
            type: kelurahan
            url: https://kandanggampang.purbalingga.test/
            disable_rule: freshness.news
        """)
        let inventory = try InventoryLoader.load(path: file)
        #expect(inventory.district == "Kabupaten Purbalingga")
        #expect(inventory.institutions == [
            Institution(id: "dinkes", name: "Dinas Kesehatan", type: .opd, url: "http://dinkes.purbalingga.test:8089/",
                        disabledRules: ["hygiene.http-only"]),
            Institution(id: "kel-kandanggampang", name: "Kelurahan Kandanggampang", type: .kelurahan,
                        url: "https://kandanggampang.purbalingga.test/"),
        ])
        #expect(inventory.problems.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "10:11 unknown institution type 'kecamatn'; did you mean 'kecamatan'? (expected one of: opd, kecamatan, kelurahan, district)",
            "12:9 duplicate institution id 'dinkes'; first used at line 3; this entry is skipped",
            "19:10 'bappeda.purbalingga.test' is not an absolute http(s) URL",
            "20:5 missing required key 'name'",
            "27:5 unknown key 'disable_rule'; did you mean 'disable_rules'?",
        ])
        #expect(inventory.problems.allSatisfy { $0.location.file == file })
    }

    @Test func csvInventoryWithQuotedFieldsAndBadRows() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("sites.csv", """
        id,name,type,url,disable_rules
        dinkes,"Dinas Kesehatan, Pengendalian Penduduk",opd,http://dinkes.purbalingga.test:8089/,hygiene.http-only;freshness.news
        kec-bobotsari,Kecamatan Bobotsari,kecamatan,https://bobotsari.purbalingga.test/,

        bappeda,Bappeda,opd,ftp://bappeda.purbalingga.test/,
        dinkes,Lagi,opd,https://lagi.purbalingga.test/,
        portal,,district,https://purbalingga.test/,
        kel-a,Kelurahan A,desa,https://a.purbalingga.test/,
        kel-b,Kelurahan B, dengan koma,kelurahan,https://b.purbalingga.test/,

        """)
        let inventory = try InventoryLoader.load(path: file)
        #expect(inventory.district == nil)
        #expect(inventory.institutions == [
            Institution(id: "dinkes", name: "Dinas Kesehatan, Pengendalian Penduduk", type: .opd,
                        url: "http://dinkes.purbalingga.test:8089/", disabledRules: ["hygiene.http-only", "freshness.news"]),
            Institution(id: "kec-bobotsari", name: "Kecamatan Bobotsari", type: .kecamatan,
                        url: "https://bobotsari.purbalingga.test/"),
        ])
        #expect(inventory.problems.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "5:21 'ftp://bappeda.purbalingga.test/' is not an absolute http(s) URL",
            "6:1 duplicate institution id 'dinkes'; first used at line 2; this entry is skipped",
            "7:8 empty 'name'",
            "8:19 unknown institution type 'desa'; expected one of: opd, kecamatan, kelurahan, district",
            "9:1 this row has 6 field(s) but the header has 5; quote fields that contain commas",
        ])
    }

    @Test func unreadableOrShapelessFilesThrow() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let missing = dir.path + "/none.yaml"
        #expect(throws: YAMLError("cannot read the inventory file: no such file; check the path given to --inventory",
                                  at: SourceLocation(file: missing, line: 1, column: 1))) {
            try InventoryLoader.load(path: missing)
        }
        #expect(throws: YAMLError("cannot read the inventory file: it is a directory; give the inventory file itself (.yaml, .yml or .csv)",
                                  at: SourceLocation(file: dir.path, line: 1, column: 1))) {
            try InventoryLoader.load(path: dir.path)
        }
        let noColumns = try dir.write("a.csv", "id,name,url\nx,X,https://x.test/\n")
        #expect(throws: YAMLError("the header lacks the column(s) type; expected 'id,name,type,url[,disable_rules]'",
                                  at: SourceLocation(file: noColumns, line: 1, column: 1))) {
            try InventoryLoader.load(path: noColumns)
        }
        let open = try dir.write("b.csv", "id,name,type,url\nx,\"X,opd,https://x.test/\n")
        #expect(throws: YAMLError("quoted field is never closed", at: SourceLocation(file: open, line: 2, column: 3))) {
            try InventoryLoader.load(path: open)
        }
        let list = try dir.write("c.yaml", "- id: x\n")
        #expect(throws: YAMLError.self) { try InventoryLoader.load(path: list) }
        let syntax = try dir.write("d.yaml", "institutions: [\n")
        #expect(throws: YAMLError.self) { try InventoryLoader.load(path: syntax) }
    }
}
