#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard output and standard error.
public enum ConsoleOutput {
    /// Writes `text` to standard output.
    public static func standardOutput(_ text: String) { write(1, text) }

    /// Writes `text` to standard error.
    public static func standardError(_ text: String) { write(2, text) }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
        bytes.removeAll()
    }
}
