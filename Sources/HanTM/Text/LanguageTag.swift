/// BCP 47 language tags as TMX files write them, in any case and with `_`
/// (`KO-KR`, `en_us`), made canonical (`ko-KR`, `en-US`).
enum LanguageTag {
    /// The canonical form: language lowercase, script titlecase, region uppercase.
    /// TMX's `*all*` and tags hantm cannot parse come back as they are.
    static func normalized(_ tag: String) -> String {
        // Most tags are already canonical (`ko`, `en`): a million units pass here.
        if tag.utf8.count == 2, tag.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) { return tag }
        guard tag != "*all*", !tag.isEmpty else { return tag }
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 4, part.allSatisfy(\.isLetter) { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            if part.count == 2 || (part.count == 3 && part.allSatisfy(\.isNumber)) { return part.uppercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }

    /// The language alone: `ko` of `ko-KR`.
    static func primary(_ tag: String) -> Substring {
        tag.prefix { $0 != "-" }
    }

    /// Whether `tag` is what a user asked for with `wanted`: `ko` takes every
    /// Korean (`ko`, `ko-KR`), `en-GB` only British English. Both canonical.
    static func matches(_ tag: String, _ wanted: String) -> Bool {
        tag == wanted || (!wanted.contains("-") && primary(tag) == wanted)
    }
}
