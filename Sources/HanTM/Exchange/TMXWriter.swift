import Foundation

/// Writes a TMX 1.4b document (`srclang="ko"`) that validates against `tmx14.dtd`.
public struct TMXWriter {
    public struct Unit {
        public var korean: String
        public var english: String
        public var date: Date
        /// `<prop type="…">` elements, in order.
        public var properties: [(type: String, value: String)]

        public init(korean: String, english: String, date: Date, properties: [(type: String, value: String)] = []) {
            self.korean = korean
            self.english = english
            self.date = date
            self.properties = properties
        }
    }

    private var output: String

    public init(date: Date) {
        output = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="hantm" creationtoolversion="\(HanTMVersion.current)" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ko" o-tmf="hantm" creationdate="\(Self.timestamp(date))"/>
          <body>

        """
    }

    public mutating func write(_ unit: Unit) {
        let date = Self.timestamp(unit.date)
        output += "    <tu creationdate=\"\(date)\">\n"
        for (type, value) in unit.properties {
            output += "      <prop type=\"\(Self.escaped(type))\">\(Self.escaped(value))</prop>\n"
        }
        output += "      <tuv xml:lang=\"ko\"><seg>\(Self.escaped(unit.korean))</seg></tuv>\n"
        output += "      <tuv xml:lang=\"en\"><seg>\(Self.escaped(unit.english))</seg></tuv>\n"
        output += "    </tu>\n"
    }

    public mutating func finish() -> String {
        output += "  </body>\n</tmx>\n"
        return output
    }

    /// TMX dates: `YYYYMMDDThhmmssZ`, in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Escapes markup characters and drops characters XML 1.0 cannot carry at all
    /// (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
