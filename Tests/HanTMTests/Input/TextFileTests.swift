import Foundation
import Testing
@testable import HanTM

@Suite struct TextFileTests {
    private func decode(_ bytes: [UInt8]) throws(InputError) -> String {
        try TextFile.decode(Data(bytes), file: "in.txt")
    }

    @Test func readsUTF8WithAndWithoutBOM() throws {
        #expect(try decode(Array("한국어\n".utf8)) == "한국어\n")
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("한국어".utf8)) == "한국어")
    }

    @Test func readsUTF16WithBOM() throws {
        let little: [UInt8] = [0xFF, 0xFE] + "한a".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + "한a".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decode(little) == "한a")
        #expect(try decode(big) == "한a")
    }

    @Test func refusesEmptyAndBlankFiles() {
        #expect(throws: InputError(file: "in.txt", reason: "is empty")) { try decode([]) }
        #expect(throws: InputError(file: "in.txt", reason: "holds no text, only whitespace")) { try decode(Array(" \n\n".utf8)) }
    }

    @Test func refusesInvalidUTF8NamingTheLine() throws {
        // Latin-1 "café" on line 2.
        let error = try #require(throws: InputError.self) { try decode(Array("ok\ncaf".utf8) + [0xE9, 0x0A]) }
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("in.txt:2: line 2 is not valid UTF-8"))
    }

    @Test func refusesBinary() throws {
        let error = try #require(throws: InputError.self) { try decode([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]) }
        #expect(error.reason.contains("binary"))
    }

    /// UTF-16 saved without its mark is named as such, with the command that converts it.
    @Test func namesUTF16WithoutAByteOrderMark() throws {
        let text = "가입한 계정을 관리자가 삭제했습니다.\tThe administrator deleted the account you signed up with.\n"
        for (encoding, bytes) in [("UTF-16LE", text.data(using: .utf16LittleEndian)!), ("UTF-16BE", text.data(using: .utf16BigEndian)!)] {
            let error = try #require(throws: InputError.self) { try decode([UInt8](bytes)) }
            #expect(error.reason == "looks like \(encoding) without a byte-order mark; convert it with iconv -f \(encoding) -t UTF-8")
        }
    }

    @Test func refusesAHugeLine() throws {
        let error = try #require(throws: InputError.self) {
            try decode([UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20))
        }
        #expect(error.line == 1)
        #expect(error.reason.contains("is longer than 1048576 bytes, the most a line (a paragraph) may be"))
    }

    @Test func refusesMissingFilesAndDirectories() {
        #expect(throws: InputError(file: "/nonexistent/ko.txt", reason: "no such file")) { try TextFile.read("/nonexistent/ko.txt") }
        #expect(throws: InputError(file: "/tmp", reason: "is a directory, not a text file")) { try TextFile.read("/tmp") }
    }
}
