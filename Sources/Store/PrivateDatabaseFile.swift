#if canImport(Glibc)
import Glibc
#endif

/// A new database file is created readable by its owner only (mode 0600), as the
/// credentials key beside it is: it holds members' names and addresses, the provisioning
/// log and token digests. SQLite would create it with 0644 less the umask, readable by every
/// local user; its log and shared-memory files take the database file's mode (the unix
/// VFS's `findCreateFileMode`), so they follow. An existing file keeps the mode its
/// operator gave it.
enum PrivateDatabaseFile {
    /// Creates `path` empty with mode 0600 when it is a file path that does not exist yet.
    /// Anything else (it exists, its folder does not, an in-memory or URI name) is left to
    /// SQLite's open, which reports its own errors.
    static func createIfMissing(_ path: String) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { Glibc.close(descriptor) }
    }
}
