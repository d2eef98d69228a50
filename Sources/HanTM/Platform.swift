// hantm builds on Linux only (see Package.swift): say so rather than fail on
// the first glibc call.
#if !os(Linux)
#error("hantm builds on Linux only: it links the system's ICU, libxml2 and SQLite and calls glibc")
#endif
