import Testing
@testable import PantauYAML

private func root(_ text: String) throws -> YAMLNode {
    try #require(try YAMLParser.parse(text, file: "r.yaml").first)
}

@Suite struct DecodingTests {
    @Test func unknownKeyGetsNearestSuggestion() throws {
        var reader = try MappingReader(try root("id: x\nseverty: error\nzzz: 1\n"))
        _ = try reader.required("id")
        _ = reader.optional("severity")
        _ = reader.optional("weight")
        let errors = reader.finish()
        #expect(errors.count == 2)
        #expect(errors[0] == YAMLError("unknown key 'severty'; did you mean 'severity'?",
                                       at: SourceLocation(file: "r.yaml", line: 2, column: 1)))
        #expect(errors[1].location.line == 3)
        #expect(errors[1].message == "unknown key 'zzz'; expected one of: id, severity, weight")
    }

    @Test func duplicateKeyNamesTheFirst() throws {
        let reader = try MappingReader(try root("id: a\ntitle: t\nid: b\n"))
        let errors = reader.finish(allowedKeys: ["id", "title"])
        #expect(errors == [YAMLError("duplicate key 'id'; first written at line 1, column 1",
                                     at: SourceLocation(file: "r.yaml", line: 3, column: 1))])
    }

    @Test func missingRequiredKeyIsLocatedAtTheMapping() throws {
        var reader = try MappingReader(try root("x: 1\n"))
        #expect(throws: YAMLError("missing required key 'id'", at: SourceLocation(file: "r.yaml", line: 1, column: 1))) {
            try reader.required("id")
        }
        #expect(throws: YAMLError.self) { try MappingReader(try root("- a\n")) }
    }

    @Test func typeErrorsAreLocatedAtTheValue() throws {
        let node = try root("""
        n: abc
        big: 12
        w: -1.5
        b: maybe
        s: {a: 1}
        list: [a, {b: 1}]
        q: "true"
        """)
        var r = try MappingReader(node)
        #expect(throws: YAMLError("expected a whole number, found 'abc'", at: SourceLocation(file: "r.yaml", line: 1, column: 4))) {
            try r.required("n").int()
        }
        #expect(throws: YAMLError("12 is out of range; expected 1...10", at: SourceLocation(file: "r.yaml", line: 2, column: 6))) {
            try r.required("big").int(in: 1...10)
        }
        #expect(try r.required("big").double() == 12)
        #expect(throws: YAMLError("-1.5 is out of range; expected 0...100", at: SourceLocation(file: "r.yaml", line: 3, column: 4))) {
            try r.required("w").double(in: 0...100)
        }
        #expect(throws: YAMLError("expected true or false, found 'maybe'", at: SourceLocation(file: "r.yaml", line: 4, column: 4))) {
            try r.required("b").bool()
        }
        #expect(throws: YAMLError("expected a string, found a mapping", at: SourceLocation(file: "r.yaml", line: 5, column: 4))) {
            try r.required("s").string()
        }
        #expect(throws: YAMLError("expected a string, found a mapping", at: SourceLocation(file: "r.yaml", line: 6, column: 11))) {
            try r.required("list").stringList()
        }
        #expect(throws: YAMLError.self) { try r.required("q").bool() }
        #expect(r.finish().isEmpty)
    }

    @Test func booleansAndScalarsAsLists() throws {
        let node = try root("a: yes\nb: No\nc: one\n")
        var r = try MappingReader(node)
        #expect(try r.required("a").bool() == true)
        #expect(try r.required("b").bool() == false)
        #expect(try r.required("c").stringList() == ["one"])
    }

    enum Level: String, CaseIterable { case info, warning, error, critical }

    @Test func enumValuesListTheValidOnes() throws {
        let node = try root("a: eror\nb: fatal\n")
        var r = try MappingReader(node)
        #expect(throws: YAMLError("unknown severity 'eror'; did you mean 'error'? (expected one of: info, warning, error, critical)",
                                  at: SourceLocation(file: "r.yaml", line: 1, column: 4))) {
            try r.required("a").oneOf(Level.self, named: "severity")
        }
        #expect(throws: YAMLError("unknown severity 'fatal'; expected one of: info, warning, error, critical",
                                  at: SourceLocation(file: "r.yaml", line: 2, column: 4))) {
            try r.required("b").oneOf(Level.self, named: "severity")
        }
    }

    @Test func diagnosticsCollectEveryError() throws {
        let node = try root("a: x\nb: y\n")
        var r = try MappingReader(node)
        var d = Diagnostics()
        let a = d.attempt { () throws(YAMLError) in try r.required("a").int() }
        let b = d.attempt { () throws(YAMLError) in try r.required("b").string() }
        _ = d.attempt { () throws(YAMLError) in try r.required("c") }
        #expect(a == nil && b == "y")
        #expect(d.errors.map(\.location.line) == [1, 1])
        #expect(d.sorted.map(\.message) == ["missing required key 'c'", "expected a whole number, found 'x'"])
    }

    @Test func suggestionsNeedToBeClose() {
        #expect(Suggestion.nearest(to: "severty", among: ["id", "severity", "weight"]) == "severity")
        #expect(Suggestion.nearest(to: "opennes", among: ["freshness", "openness", "linkhealth"]) == "openness")
        #expect(Suggestion.nearest(to: "xyz", among: ["severity", "weight"]) == nil)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
