#if !FUZZING
import Foundation
#endif

/// The `main` of a libFuzzer target. Built by scripts/fuzz.sh with
/// `-sanitize=fuzzer,address -DFUZZING`, it hands control to libFuzzer's driver; in a
/// plain `swift build` it replays the files named on the command line (crash
/// reproducers) through the same callback.
public enum FuzzerDriver {
    /// libFuzzer's per-input callback: `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

    /// Runs `testOneInput` under libFuzzer, or over the files given as arguments.
    public static func main(_ testOneInput: TestOneInput) {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        _ = LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            let bytes = [UInt8](data) + [0]  // never empty, so it has a base address
            bytes.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { _ = testOneInput(base, data.count) }
            }
            print("ok \(path)")
        }
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver entry point (compiler-rt `FuzzerInterface.h`). SwiftPM names the
/// executable's entry point itself, so instead of libFuzzer's own `main` we call the
/// driver from ours.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif
