import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement whose parameters are bound one by one with SQLite's own
/// calls. An import binds twenty values a unit; GRDB's `StatementArguments` boxes
/// each in an existential array first, which cost as much as the insert itself.
struct BoundStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var parameter: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
    }

    /// SQLite copies what it is given: the texts and blobs bound live only for the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ text: String?) {
        parameter += 1
        guard var text else { sqlite3_bind_null(handle, parameter); return }
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, parameter, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(bytes.count), Self.transient)
        }
    }

    mutating func bind(_ data: Data) {
        parameter += 1
        data.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, parameter, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    mutating func bind(_ integer: Int64?) {
        parameter += 1
        guard let integer else { sqlite3_bind_null(handle, parameter); return }
        sqlite3_bind_int64(handle, parameter, integer)
    }

    mutating func bind(_ real: Double?) {
        parameter += 1
        guard let real else { sqlite3_bind_null(handle, parameter); return }
        sqlite3_bind_double(handle, parameter, real)
    }

    /// Runs the statement with what was bound, then makes it ready for the next binding.
    mutating func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        parameter = 0
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
    }
}
