#if canImport(Glibc)
import Glibc
#endif

/// Builds a ``PercolatorConfiguration`` from defaults, a file, the environment and
/// flags, in that order of precedence.
///
/// The file holds `name = value` lines with the setting names of ``ConfigurationSetting``;
/// blank lines and lines starting with `#` are ignored.
public enum ConfigurationLoader {
    /// Applies, in order, the file (if `configFile` is given), the environment and `flags`.
    public static func load(flags: [String: String], configFile: String?,
                            environment: [String: String]) throws(ConfigurationError) -> PercolatorConfiguration {
        var configuration = PercolatorConfiguration()
        let file = configFile ?? environment["PERCOLATOR_CONFIG"]
        if let file {
            let text = try readFile(file)
            try apply(fileText: text, source: file, to: &configuration)
            configuration.configFile = file
        }
        for setting in ConfigurationSetting.all {
            if let value = environment[setting.environmentVariable] {
                do { try setting.apply(&configuration, value) } catch {
                    throw ConfigurationError("\(setting.environmentVariable): \(error.message)")
                }
            }
        }
        for setting in ConfigurationSetting.all {
            if let value = flags[setting.name] {
                do { try setting.apply(&configuration, value) } catch {
                    throw ConfigurationError("--\(setting.name): \(error.message)")
                }
            }
        }
        return configuration
    }

    /// Applies the `name = value` lines of a configuration file.
    public static func apply(fileText: String, source: String, to configuration: inout PercolatorConfiguration) throws(ConfigurationError) {
        for (number, rawLine) in fileText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError("\(source):\(number + 1): expected 'name = value'")
            }
            let name = line[..<equals].trimmingCharacters(in: " \t")
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard let setting = ConfigurationSetting.all.first(where: { $0.name == name }) else {
                throw ConfigurationError("\(source):\(number + 1): unknown setting '\(name)'")
            }
            do { try setting.apply(&configuration, value) } catch {
                throw ConfigurationError("\(source):\(number + 1): \(error.message)")
            }
        }
    }

    /// The process environment.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> String {
        guard let file = fopen(path, "r") else {
            throw ConfigurationError("cannot read the configuration file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, file) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 1_048_576 { throw ConfigurationError("the configuration file '\(path)' is larger than 1 MiB") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
