import Foundation
import Testing

/// The folders of `Sources/HanTM` depend one way, in the order data flows
/// through them (docs/DESIGN.md): each folder may use those before it in
/// ``order``, never one after it. A use is a name declared at the top level of
/// one folder's file (a type, a function, a member of an extension of a type
/// from outside hantm) written in another folder's code.
@Suite struct FolderDependencyTests {
    /// Reading files below everything; the text model; term lists; alignment;
    /// the memory and its lookups; the formats that exchange units and matches;
    /// what the memory gives new documents (analysis, pre-translation); the review
    /// of an alignment, stored in the memory and offered as TMX.
    static let order = ["Input", "Text", "Glossary", "Alignment", "Memory", "Exchange", "Leverage", "Review"]

    /// Uses against the order that the code still has, as `From -> To`. Each
    /// says what removes it; a new one fails the test, and so does one that is gone.
    static let knownBackwardEdges: Set<String> = []

    @Test func foldersUseOnlyTheFoldersBeforeThem() throws {
        let files = try Self.sourceFiles()
        #expect(Set(files.map(\.folder)).subtracting(Self.order).isEmpty, "a new folder needs its place in `order`")
        var backward: [String: Set<String>] = [:]
        for (edge, uses) in Self.edges(of: files) {
            guard let from = Self.order.firstIndex(of: edge.from), let to = Self.order.firstIndex(of: edge.to), from < to else { continue }
            backward["\(edge.from) -> \(edge.to)"] = uses
        }
        for (edge, uses) in backward.sorted(by: { $0.key < $1.key }) where !Self.knownBackwardEdges.contains(edge) {
            Issue.record("\(edge) goes against the data flow: \(uses.sorted().joined(separator: ", "))")
        }
        for edge in Self.knownBackwardEdges.sorted() where backward[edge] == nil {
            Issue.record("\(edge) is gone: take it off knownBackwardEdges")
        }
    }

    /// The check sees the uses it is meant to see: these forward edges exist today.
    @Test func theCheckFindsKnownUses() throws {
        let edges = Self.edges(of: try Self.sourceFiles())
        #expect(edges[Edge(from: "Glossary", to: "Text")]?.isSuperset(of: ["TermRecognizer.swift: Collator", "DelimitedGlossary.swift: trimmingSpaces"]) == true)
        #expect(edges[Edge(from: "Memory", to: "Text")]?.contains("SourceKey.swift: HangulFolding") == true)
        #expect(edges[Edge(from: "Memory", to: "Input")]?.contains("PairFile.swift: InputError") == true)
    }

    struct SourceFile {
        var folder: String
        var name: String
        /// The code without comments and string literals.
        var code: String
    }

    struct Edge: Hashable {
        var from: String
        var to: String
    }

    /// Each use of one folder's names in another folder, as `File.swift: Name`.
    static func edges(of files: [SourceFile]) -> [Edge: Set<String>] {
        let types = Set(files.flatMap { names(in: $0.code, matching: typeDeclaration) })
        var owners: [String: String] = [:]
        for file in files {
            for name in names(in: file.code, matching: topLevelDeclaration) { owners[name] = file.folder }
            for body in file.code.matches(of: foreignExtension) where !types.contains(String(body.output.1.prefix { $0 != "." })) {
                for name in names(in: String(body.output.2), matching: memberDeclaration) { owners[name] = file.folder }
            }
        }
        var edges: [Edge: Set<String>] = [:]
        for file in files {
            let own = Set(names(in: file.code, matching: anyDeclaration))
            for word in Set(file.code.matches(of: identifier).map { String($0.output) }) where !own.contains(word) {
                guard let owner = owners[word], owner != file.folder else { continue }
                edges[Edge(from: file.folder, to: owner), default: []].insert("\(file.name): \(word)")
            }
        }
        return edges
    }

    /// Every Swift file in a folder of `Sources/HanTM`, read from the source tree.
    static func sourceFiles() throws -> [SourceFile] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/HanTM").standardizedFileURL
        var files: [SourceFile] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: root.path) {
            var isDirectory: ObjCBool = false
            let directory = root.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let paths = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
            for path in paths where path.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
                files.append(SourceFile(folder: folder, name: URL(fileURLWithPath: path).lastPathComponent, code: withoutCommentsAndStrings(text)))
            }
        }
        #expect(files.count > 50, "Sources/HanTM not found from \(#filePath)")
        return files
    }

    private static func withoutCommentsAndStrings(_ text: String) -> String {
        text.replacing(#/\/\*[\s\S]*?\*\//#, with: "")
            .replacing(#/"""[\s\S]*?"""/#, with: "\"\"")
            .replacing(#/"(?:\\.|[^"\\\n])*"/#, with: "\"\"")
            .replacing(#/\/\/[^\n]*/#, with: "")
    }

    private static func names(in code: String, matching pattern: Regex<(Substring, Substring)>) -> [String] {
        code.matches(of: pattern).map { String($0.output.1) }
    }

    private static let modifiers = #"(?:(?:@\w+(?:\([^)]*\))?|public|package|internal|fileprivate|private|final|indirect|nonisolated|static|mutating)\s+)*"#

    private static func pattern(_ pattern: String) -> Regex<(Substring, Substring)> {
        try! Regex(pattern, as: (Substring, Substring).self).anchorsMatchLineEndings()
    }

    private static var typeDeclaration: Regex<(Substring, Substring)> {
        pattern("^" + modifiers + #"(?:struct|enum|class|protocol|typealias|actor)\s+(\w+)"#)
    }

    private static var topLevelDeclaration: Regex<(Substring, Substring)> {
        pattern("^" + modifiers + #"(?:struct|enum|class|protocol|typealias|actor|func|let|var)\s+(\w+)"#)
    }

    /// A member of an extension, indented once.
    private static var memberDeclaration: Regex<(Substring, Substring)> {
        pattern("^    " + modifiers + #"(?:func|let|var)\s+(\w+)"#)
    }

    private static var anyDeclaration: Regex<(Substring, Substring)> {
        pattern(#"(?:struct|enum|class|protocol|typealias|actor|func|let|var|case)\s+(\w+)"#)
    }

    /// A top-level extension: the type extended and the body.
    private static var foreignExtension: Regex<(Substring, Substring, Substring)> {
        try! Regex("^" + modifiers + #"extension\s+([\w.]+)[^{]*\{([\s\S]*?)^\}"#, as: (Substring, Substring, Substring).self)
            .anchorsMatchLineEndings()
    }

    private static var identifier: Regex<Substring> { #/[A-Za-z_][A-Za-z0-9_]*/# }
}
