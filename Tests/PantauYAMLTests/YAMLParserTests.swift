import Testing
@testable import PantauYAML

private func parseOne(_ text: String) throws -> YAMLNode {
    let docs = try YAMLParser.parse(text, file: "t.yaml")
    try #require(docs.count == 1)
    return docs[0]
}

private func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
    node.mappingEntries?.first { $0.key.scalarText == key }?.value
}

private func parseError(_ text: String) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(text, file: "bad.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct YAMLParserTests {
    @Test func nestedNodesCarryOneBasedLocations() throws {
        let root = try parseOne("""
        rules:
          - id: a.b
            params:
              words: [ppid, dip]
        """)
        #expect(root.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        let rules = try #require(value(root, "rules"))
        #expect(rules.location.line == 2 && rules.location.column == 3)
        let first = try rules.sequence()[0]
        #expect(first.location.line == 2 && first.location.column == 5)
        let id = try #require(value(first, "id"))
        #expect(id.location == SourceLocation(file: "t.yaml", line: 2, column: 9))
        let params = try #require(value(first, "params"))
        let words = try #require(value(params, "words"))
        #expect(try words.stringList() == ["ppid", "dip"])
        #expect(try words.sequence()[1].location == SourceLocation(file: "t.yaml", line: 4, column: 21))
    }

    @Test func quotedAndPlainScalarsAreDistinguished() throws {
        let root = try parseOne("""
        a: 123
        b: "123"
        c: '123'
        d: |
          block
        e:
        f: ""
        """)
        guard case .scalar("123", isQuoted: false) = try #require(value(root, "a")).kind else {
            Issue.record("plain scalar expected"); return
        }
        guard case .scalar("123", isQuoted: true) = try #require(value(root, "b")).kind,
              case .scalar("123", isQuoted: true) = try #require(value(root, "c")).kind,
              case .scalar("block\n", isQuoted: true) = try #require(value(root, "d")).kind else {
            Issue.record("quoted scalars expected"); return
        }
        #expect(try value(root, "a")!.int() == 123)
        #expect(throws: YAMLError.self) { try value(root, "b")!.int() }
        #expect(value(root, "e")!.isNull)
        #expect(!value(root, "f")!.isNull)
        #expect(try value(root, "f")!.string() == "")
    }

    @Test func aliasesAreResolvedIntoCopies() throws {
        let root = try parseOne("""
        base: &words [ppid, dip]
        copy: *words
        """)
        #expect(try value(root, "copy")!.stringList() == ["ppid", "dip"])
        // The copy is the anchored node, located where the anchor was written.
        #expect(value(root, "copy")!.location.line == 1)
    }

    @Test func recursiveAliasIsRefusedNotLooped() {
        // libyaml's composer may reject it itself; either way it must end in a located error.
        #expect(parseError("a: &x [*x]\n") != nil)
    }

    @Test func everyDocumentIsReturned() throws {
        let docs = try YAMLParser.parse("a: 1\n---\nb: 2\n---\n- x\n", file: "m.yaml")
        #expect(docs.count == 3)
        #expect(docs[1].location == SourceLocation(file: "m.yaml", line: 3, column: 1))
        #expect(try docs[2].stringList() == ["x"])
        #expect(try YAMLParser.parse("", file: "e.yaml").isEmpty)
    }

    @Test func syntaxErrorIsLocatedWithLibyamlText() throws {
        let error = try #require(parseError("a: 1\nb: [1, 2\nc: 3\n"))
        #expect(error.location.file == "bad.yaml")
        #expect(error.location.line == 3)
        #expect(error.message.contains("flow sequence"))
        #expect(!error.message.contains("tabs"))

        let colon = try #require(parseError("key: value\n  nested: x\n"))
        #expect(colon.location == SourceLocation(file: "bad.yaml", line: 2, column: 9))
        #expect(colon.message.contains("mapping values are not allowed"))
    }

    @Test func tabIndentationGetsAHint() throws {
        let error = try #require(parseError("rules:\n\t- id: x\n"))
        #expect(error.location == SourceLocation(file: "bad.yaml", line: 2, column: 1))
        #expect(error.message.contains("found character that cannot start any token"))
        #expect(error.message.hasSuffix("YAML does not allow tabs for indentation; use spaces"))
    }
}
