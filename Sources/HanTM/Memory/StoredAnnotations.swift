/// ``UnitAnnotations`` as the memory stores them: JSON with empty collections
/// left out (most units have few annotations), read back by `JSONDecoder`.
///
/// Written straight into bytes: an import stores one for most units it reads,
/// and `JSONEncoder` took a sixth of a TMX import's CPU.
extension UnitAnnotations {
    /// The JSON, or nil when there is nothing worth storing.
    var storedJSON: String? {
        guard !isEmpty else { return nil }
        var json = JSONText()
        json.object { json in
            json.field("tuid", string: identifier)
            json.attributes(attributes)
            json.list("properties", properties) { $0.property($1) }
            json.list("notes", notes) { $0.note($1) }
            if !variants.allSatisfy(\.isBare) {
                json.list("variants", variants) { json, variant in
                    json.object { json in
                        json.field("language", string: variant.language)
                        json.attributes(variant.attributes)
                        json.list("properties", variant.properties) { $0.property($1) }
                        json.list("notes", variant.notes) { $0.note($1) }
                        json.field("segment", string: variant.segment)
                    }
                }
            }
        }
        return json.text
    }
}

/// JSON text built in UTF-8 bytes, a container at a time.
private struct JSONText {
    private var bytes: [UInt8] = []
    /// Whether the innermost open container has an element yet (a comma comes before the next).
    private var filled: [Bool] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func object(_ fields: (inout JSONText) -> Void) {
        container("{", "}", fields)
    }

    /// A field of the open object.
    mutating func field(_ name: String, _ value: (inout JSONText) -> Void) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        value(&self)
    }

    /// A field holding a string, left out when there is none.
    mutating func field(_ name: String, string value: String?) {
        guard let value else { return }
        field(name) { $0.string(value) }
    }

    /// A field holding `elements` as an array, left out when there are none.
    mutating func list<Element>(_ name: String, _ elements: [Element], _ element: (inout JSONText, Element) -> Void) {
        guard !elements.isEmpty else { return }
        field(name) { json in
            json.container("[", "]") { json in
                for value in elements {
                    json.separate()
                    element(&json, value)
                }
            }
        }
    }

    /// TMX attributes, by name (a dictionary has no order of its own), left out when there are none.
    mutating func attributes(_ attributes: [String: String]) {
        guard !attributes.isEmpty else { return }
        field("attributes") { json in
            json.object { json in
                for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { json.field(name, string: value) }
            }
        }
    }

    mutating func property(_ property: Property) {
        object { json in
            json.field("type", string: property.type)
            json.field("value", string: property.value)
            json.field("language", string: property.language)
            json.field("encoding", string: property.encoding)
        }
    }

    mutating func note(_ note: Note) {
        object { json in
            json.field("text", string: note.text)
            json.field("language", string: note.language)
            json.field("encoding", string: note.encoding)
        }
    }

    /// A string, escaped as JSON requires: quotes, backslashes and control characters.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20: bytes += Array("\\u00".utf8) + [Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func container(_ open: Unicode.Scalar, _ close: Unicode.Scalar, _ body: (inout JSONText) -> Void) {
        bytes.append(UInt8(ascii: open))
        filled.append(false)
        body(&self)
        filled.removeLast()
        bytes.append(UInt8(ascii: close))
    }

    /// A comma before every element of a container but the first.
    private mutating func separate() {
        if filled[filled.count - 1] { bytes.append(UInt8(ascii: ",")) }
        filled[filled.count - 1] = true
    }
}
