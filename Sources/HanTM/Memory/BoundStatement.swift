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
    private var refused: (code: Int32, parameter: Int32)?

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
    }

    /// SQLite copies what it is given: the texts and blobs bound live only for the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ text: String?) {
        parameter += 1
        guard var text else { return check(sqlite3_bind_null(handle, parameter)) }
        check(text.withUTF8 { bytes in
            sqlite3_bind_text(handle, parameter, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                              Int32(bytes.count), Self.transient)
        })
    }

    mutating func bind(_ data: Data) {
        parameter += 1
        check(data.withUnsafeBytes { bytes in
            sqlite3_bind_blob(handle, parameter, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        })
    }

    mutating func bind(_ integer: Int64?) {
        parameter += 1
        guard let integer else { return check(sqlite3_bind_null(handle, parameter)) }
        check(sqlite3_bind_int64(handle, parameter, integer))
    }

    mutating func bind(_ real: Double?) {
        parameter += 1
        guard let real else { return check(sqlite3_bind_null(handle, parameter)) }
        check(sqlite3_bind_double(handle, parameter, real))
    }

    /// Keeps the first binding SQLite refused (a value over its size limit, a
    /// parameter the statement lacks) for `execute` to throw: the parameter would
    /// otherwise keep its previous row's value.
    private mutating func check(_ code: Int32) {
        if code != SQLITE_OK && refused == nil { refused = (code, parameter) }
    }

    /// Runs the statement with what was bound, then makes it ready for the next
    /// binding; a refused binding throws without running it.
    mutating func execute() throws {
        defer { (parameter, refused) = (0, nil) }
        if let refused {
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: refused.code),
                                message: "parameter \(refused.parameter) not bound: \(String(cString: sqlite3_errstr(refused.code)))",
                                sql: statement.sql)
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
    }
}
